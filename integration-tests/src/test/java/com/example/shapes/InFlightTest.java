package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 6: no key ever wedges, whatever is thrown between a miss and its end, and ttl or
 * maxEntries never expire or evict a computation in flight.
 */
class InFlightTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Calls.reset();
  }

  @AfterEach
  void openGatesAndStopPool() throws InterruptedException {
    Fragile.copyError = null;
    Fragile.gate.countDown();
    InFlight.gate.countDown();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  static Stream<Error> copyErrors() {
    return Stream.of(
        new AssertionError("copy constructor refused"),
        new OutOfMemoryError("simulated: no memory for the copy"),
        new ExceptionInInitializerError("simulated: a class the copy needs failed to initialize"),
        new NoClassDefFoundError("simulated/MissingClass"));
  }

  @ParameterizedTest
  @MethodSource("copyErrors")
  void errorWhileCopyingTheResult_reachesCallerAndWaitersAndReleasesTheKey(Error copyError) {
    Fragile fragile = new Fragile_Cached();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Fragile.gate = new CountDownLatch(1);
          Fragile.started = new CountDownLatch(1);
          Fragile.copyError = copyError;
          long failuresBefore = stats("Fragile.bean(String)").failures();
          Future<Fragile.Bean> owner = pool.submit(() -> fragile.bean("a"));
          assertTrue(Fragile.started.await(10, TimeUnit.SECONDS));
          List<Thread> waiters = new ArrayList<>();
          List<AtomicReference<Throwable>> waiterFailures = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            waiterFailures.add(failure);
            waiters.add(startThread(() -> fragile.bean("a"), failure));
          }
          waiters.forEach(InFlightTest::awaitParked);
          Fragile.gate.countDown();

          ExecutionException ownerFailure =
              assertThrows(ExecutionException.class, () -> owner.get(10, TimeUnit.SECONDS));
          assertSame(copyError, ownerFailure.getCause());
          for (int i = 0; i < waiters.size(); i++) {
            waiters.get(i).join(10_000);
            assertFalse(waiters.get(i).isAlive(), "waiter " + i + " still waits");
            assertSame(copyError, waiterFailures.get(i).get(), "waiter " + i);
          }
          assertEquals(1, Calls.count("bean"), "the waiters shared the one computation");
          CacheStats stats = stats("Fragile.bean(String)");
          assertEquals(0, stats.inFlight());
          assertEquals(0, stats.entries());
          assertEquals(1, stats.failures() - failuresBefore, "failures");

          Fragile.copyError = null;
          assertEquals("a", fragile.bean("a").label(), "the key computes again");
          assertEquals(2, Calls.count("bean"));
          assertEquals("a", fragile.bean("a").label());
          assertEquals(2, Calls.count("bean"), "and its value is stored");
        });
  }

  @Test
  void errorWhileCopyingTheResult_letsTheSameThreadComputeAgain() {
    Fragile fragile = new Fragile_Cached();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          AssertionError copyError = new AssertionError("copy constructor refused");
          Fragile.copyError = copyError;
          assertSame(copyError, assertThrows(AssertionError.class, () -> fragile.bean("b")));
          Fragile.copyError = null;
          assertEquals("b", fragile.bean("b").label());
          assertEquals(2, Calls.count("bean"));
        });
  }

  /**
   * Overflows the stack at many depths, so the overflow strikes at every point of a miss: in the
   * method, in memocache's own bookkeeping as a computation begins or fails. 32 stack sizes, each
   * run three times under 0, 1 and 2 frames of padding, which moves the overflow within a level
   * of the recursion (and the JIT changes frame sizes between runs). On the old design about one
   * run in ten left a key in flight, which hung the next run to reach it.
   */
  @Test
  void stackOverflowAtAnyDepth_leavesNoKeyWedged() {
    Deep deep = new Deep_Cached();
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          int runs = 0;
          for (int padding = 0; padding < 3; padding++) {
            for (int size = 256 * 1024; size < 1024 * 1024; size += 24 * 1024) {
              AtomicReference<Throwable> failure = new AtomicReference<>();
              int frames = padding;
              Thread thread =
                  new Thread(
                      null,
                      () -> {
                        try {
                          padded(frames, () -> deep.stepsToTop(0));
                        } catch (Throwable t) {
                          failure.set(t);
                        }
                      },
                      "deep-" + size,
                      size);
              thread.start();
              thread.join(10_000);
              assertFalse(thread.isAlive(), "run " + runs + " hangs on a wedged key");
              assertTrue(
                  failure.get() instanceof StackOverflowError,
                  "run " + runs + " on a " + size + "-byte stack: " + failure.get());
              assertEquals(0, stats("Deep.stepsToTop(int)").inFlight(), "left in flight");
              runs++;
            }
          }
          assertTrue(runs >= 90, "runs: " + runs);
          // Every key the overflows touched computes again: from the top down, each step is one
          // level deep, so an ordinary stack holds it.
          for (int n = Deep.TOP; n >= 0; n--) {
            assertEquals(Deep.TOP - n, deep.stepsToTop(n), "key " + n);
          }
        });
    Deep_Cached.clearStepsToTop();
  }

  @Test
  void computationOutlivingTheTtl_isSharedByCallersArrivingMeanwhile() {
    InFlight inFlight = new InFlight_Cached();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          InFlight.ttlGate = new CountDownLatch(1);
          AtomicReference<Throwable> failure = new AtomicReference<>();
          List<String> results = Collections.synchronizedList(new ArrayList<>());
          List<Thread> callers = new ArrayList<>();
          for (int i = 0; i < 6; i++) {
            Thread caller = startThread(() -> results.add(inFlight.outlivesTtl(7)), failure);
            // Each caller arrives while the computation runs: the first computes (it sleeps or
            // waits for the gate), the others wait for it, whatever the ttl says meanwhile.
            awaitParked(caller);
            callers.add(caller);
            Thread.sleep(25);
          }
          InFlight.ttlGate.countDown();
          for (Thread caller : callers) {
            caller.join(10_000);
          }
          assertNull(failure.get());
          assertEquals(Collections.nCopies(6, "v7"), results);
          assertEquals(1, Calls.count("outlivesTtl"), "computations of one key");
        });
  }

  @Test
  void computationInAOneEntryCache_isNeitherEvictedNorCountedAsEviction() {
    InFlight inFlight = new InFlight_Cached();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          InFlight.gate = new CountDownLatch(1);
          InFlight.started = new CountDownLatch(1);
          Future<String> first = pool.submit(() -> inFlight.oneEntry(1));
          assertTrue(InFlight.started.await(10, TimeUnit.SECONDS));
          assertEquals("v2", inFlight.oneEntry(2));
          CacheStats oneValue = stats("InFlight.oneEntry(int)");
          assertEquals(0, oneValue.evictions(), "one value, no eviction");
          assertEquals(1, oneValue.entries());
          assertEquals(1, oneValue.inFlight());
          for (int n = 3; n < 10; n++) {
            inFlight.oneEntry(n);
            inFlight.oneEntry(n);
          }
          AtomicReference<Throwable> failure = new AtomicReference<>();
          Thread second = startThread(() -> inFlight.oneEntry(1), failure);
          awaitParked(second);
          assertEquals(1, Calls.count("oneEntry1"), "key 1 computed twice at once");
          InFlight.gate.countDown();
          assertEquals("v1", first.get(10, TimeUnit.SECONDS));
          second.join(10_000);
          assertNull(failure.get());
          assertEquals(1, Calls.count("oneEntry1"));
          assertEquals(0, stats("InFlight.oneEntry(int)").inFlight());
        });
  }

  /** Runs the call under this many extra stack frames. */
  private static long padded(int frames, LongCall call) {
    return frames == 0 ? call.run() : padded(frames - 1, call) + 0;
  }

  /** A call returning a long, so padding frames stay frames. */
  private interface LongCall {
    long run();
  }

  private static CacheStats stats(String method) {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.method().equals(method))
        .findFirst()
        .orElseThrow();
  }

  /** Starts a thread that makes one call and records what it throws. */
  private static Thread startThread(Callable<?> call, AtomicReference<Throwable> failure) {
    Thread thread =
        new Thread(
            () -> {
              try {
                call.call();
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    thread.start();
    return thread;
  }

  /** Waits until the thread parks: it waits for another thread's computation. */
  private static void awaitParked(Thread thread) {
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      if (!thread.isAlive()) {
        fail(thread + " ended instead of waiting");
      }
      Thread.onSpinWait();
    }
  }
}
