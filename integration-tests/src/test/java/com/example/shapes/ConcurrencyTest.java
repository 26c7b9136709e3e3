package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.CacheInterruptedException;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.RecursiveCallException;
import io.memocache.runtime.SingletonCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 6 basics: single flight, self-recursion fails fast, clears during computation. */
class ConcurrencyTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final Slow slow = new Slow_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Calls.reset();
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    Slow.gate.countDown();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void concurrentCallersOfOneKey_shareOneComputation() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Slow.gate = new CountDownLatch(1);
          Slow.started = new CountDownLatch(1);
          List<Future<String>> memo = new ArrayList<>();
          List<Future<Object>> singleton = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            memo.add(pool.submit(() -> slow.compute(1)));
          }
          assertTrue(Slow.started.await(10, TimeUnit.SECONDS));
          Slow.gate.countDown();
          for (Future<String> result : memo) {
            assertEquals("v1#1", result.get(10, TimeUnit.SECONDS));
          }
          assertEquals(1, Calls.count("slowCompute"));
          for (int i = 0; i < 8; i++) {
            singleton.add(pool.submit(() -> slow.resource("r")));
          }
          Object first = singleton.get(0).get(10, TimeUnit.SECONDS);
          for (Future<Object> result : singleton) {
            assertSame(first, result.get(10, TimeUnit.SECONDS));
          }
          assertEquals(1, Calls.count("slowResource"));
        });
  }

  @Test
  void clearDuringComputation_preventsStoringTheOldValue() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Slow.gate = new CountDownLatch(1);
          Slow.started = new CountDownLatch(1);
          Future<String> before = pool.submit(() -> slow.compute(2));
          assertTrue(Slow.started.await(10, TimeUnit.SECONDS));
          Slow_Cached.clearCompute();
          Slow.gate.countDown();
          assertEquals("v2#1", before.get(10, TimeUnit.SECONDS));
          assertEquals("v2#2", slow.compute(2), "the value computed before the clear is gone");
          assertEquals("v2#2", slow.compute(2));
        });
  }

  @Test
  void singletonClearDuringCreation_givesLaterCallersANewInstance() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Slow.gate = new CountDownLatch(1);
          Slow.started = new CountDownLatch(1);
          Future<Object> before = pool.submit(() -> slow.resource("c"));
          assertTrue(Slow.started.await(10, TimeUnit.SECONDS));
          SingletonCaches.clearAll();
          Slow.gate.countDown();
          Object old = before.get(10, TimeUnit.SECONDS);
          assertNotSame(old, slow.resource("c"));
        });
  }

  @Test
  void recursionIntoItsOwnKey_failsFastInsteadOfDeadlocking() {
    Recursion recursion = new Recursion_Cached();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          RecursiveCallException failure =
              assertThrows(RecursiveCallException.class, () -> recursion.selfish(3));
          assertTrue(failure.getMessage().contains("Recursion.selfish(int)"), failure.getMessage());
        });
    assertEquals(200, recursion.countdown(200));
    assertEquals(201, Calls.count("countdown"));
  }

  @Test
  void manyThreadsOnFewKeys_computeEachKeyOnce() throws Exception {
    MathFunctions math = new MathFunctions_Cached();
    List<Future<Long>> results = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int n = i % 20;
      results.add(pool.submit(() -> math.fib(n)));
    }
    for (int i = 0; i < 400; i++) {
      assertEquals(fib(i % 20), results.get(i).get(10, TimeUnit.SECONDS));
    }
    assertEquals(20, Calls.count("fib"));
  }

  @Test
  void threadsWaitingForEachOthersKeys_failFastInsteadOfDeadlocking() {
    Crossing crossing = new Crossing_Cached();
    Crossing.bothStarted = new CyclicBarrier(2);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Future<Integer> left = pool.submit(() -> crossing.left(1));
          Future<Integer> right = pool.submit(() -> crossing.right(1));
          for (Future<Integer> call : List.of(left, right)) {
            ExecutionException failure =
                assertThrows(ExecutionException.class, () -> call.get(15, TimeUnit.SECONDS));
            assertTrue(
                failure.getCause() instanceof RecursiveCallException, failure.getCause().toString());
          }
        });
  }

  @Test
  void interruptedWaiter_stopsWaitingKeepsItsStatusAndLeavesTheComputation() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Slow.gate = new CountDownLatch(1);
          Slow.started = new CountDownLatch(1);
          Future<String> computing = pool.submit(() -> slow.compute(3));
          assertTrue(Slow.started.await(10, TimeUnit.SECONDS));
          AtomicReference<Throwable> waiterFailure = new AtomicReference<>();
          AtomicBoolean stillInterrupted = new AtomicBoolean();
          Thread waiter =
              new Thread(
                  () -> {
                    try {
                      slow.compute(3);
                    } catch (Throwable t) {
                      waiterFailure.set(t);
                      stillInterrupted.set(Thread.currentThread().isInterrupted());
                    }
                  });
          waiter.start();
          // Waiters wait in slices, so the parked waiter is WAITING or TIMED_WAITING.
          while (waiter.getState() != Thread.State.WAITING
              && waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
          }
          waiter.interrupt();
          waiter.join(10_000);
          assertTrue(waiterFailure.get() instanceof CacheInterruptedException, "" + waiterFailure);
          assertTrue(stillInterrupted.get());
          Slow.gate.countDown();
          assertEquals("v3#1", computing.get(10, TimeUnit.SECONDS));
          assertEquals("v3#1", slow.compute(3), "the computation was stored");
          assertEquals(1, Calls.count("slowCompute"));
        });
  }

  private static long fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }
}
