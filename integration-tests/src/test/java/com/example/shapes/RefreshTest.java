package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 12: a stale entry is served at once and refreshed once in the background. */
class RefreshTest {
  private final Refreshing refreshing = new Refreshing_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Calls.reset();
    Refreshing.failing = false;
    Refreshing.gate = new CountDownLatch(0);
    Refreshing.started = new CountDownLatch(0);
    Refreshing.RELEASED.set(0);
  }

  @AfterEach
  void openGate() {
    Refreshing.gate.countDown();
    Refreshing.failing = false;
  }

  private static CacheStats stats(String method) {
    return Stream.concat(MemoCaches.stats().stream(), SingletonCaches.stats().stream())
        .filter(stats -> stats.method().equals(method))
        .findFirst()
        .orElseThrow();
  }

  /** Waits, in bounded time, until the condition holds. */
  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not reached in 10 s");
      Thread.sleep(5);
    }
  }

  /** Lets an entry stored now grow older than refreshAfter (100 ms). */
  private static void ageBeyondRefreshAfter() throws InterruptedException {
    Thread.sleep(150);
  }

  @Test
  void staleValue_isServedAtOnce_andRefreshedOnceInTheBackground() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          // Counters are per method and survive clears: compare with their values before.
          CacheStats before = stats("Refreshing.versions(String)");
          List<Integer> first = refreshing.versions("a");
          ageBeyondRefreshAfter();
          Refreshing.gate = new CountDownLatch(1);
          Refreshing.started = new CountDownLatch(1);
          // The refresh is held at the gate, so these calls return only if they do not wait.
          for (int i = 0; i < 5; i++) {
            assertEquals(first, refreshing.versions("a"));
          }
          assertTrue(Refreshing.started.await(10, TimeUnit.SECONDS));
          assertEquals(2, Calls.count("versions"));
          Refreshing.gate.countDown();
          eventually(() -> !refreshing.versionsNoThrow("a").equals(first));
          assertEquals(2, Calls.count("versions"), "one refresh, however many stale hits");
          CacheStats after = stats("Refreshing.versions(String)");
          assertEquals(1, after.refreshes() - before.refreshes());
          assertEquals(0, after.refreshFailures() - before.refreshFailures());
        });
  }

  @Test
  void failedRefresh_keepsTheOldValue_isCounted_andALaterCallTriesAgain() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          CacheStats before = stats("Refreshing.versions(String)");
          List<Integer> first = refreshing.versions("b");
          ageBeyondRefreshAfter();
          Refreshing.failing = true;
          assertEquals(first, refreshing.versions("b"));
          eventually(
              () ->
                  stats("Refreshing.versions(String)").refreshFailures()
                      == before.refreshFailures() + 1);
          assertEquals(first, refreshing.versions("b"));
          Refreshing.failing = false;
          eventually(() -> !refreshing.versionsNoThrow("b").equals(first));
          assertEquals(
              before.refreshes() + 1, stats("Refreshing.versions(String)").refreshes());
        });
  }

  @Test
  void singletonRefresh_replacesTheInstance_andReleasesTheOldOneOnce() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          int[] first = Refreshing_Cached.instance("c");
          ageBeyondRefreshAfter();
          assertSame(first, Refreshing_Cached.instance("c"));
          eventually(() -> Refreshing_Cached.instanceNoThrow("c") != first);
          assertEquals(1, Refreshing.RELEASED.get());
        });
  }

  @Test
  void clearDuringRefresh_wins_andTheUnstoredValueIsReleased() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          int[] first = Refreshing_Cached.instance("d");
          ageBeyondRefreshAfter();
          Refreshing.gate = new CountDownLatch(1);
          Refreshing.started = new CountDownLatch(1);
          assertSame(first, Refreshing_Cached.instance("d"));
          assertTrue(Refreshing.started.await(10, TimeUnit.SECONDS));
          Refreshing_Cached.clearInstance();
          assertEquals(1, Refreshing.RELEASED.get(), "the cleared instance");
          Refreshing.gate.countDown();
          // The refreshed instance is not stored, and, never handed out, it is released.
          eventually(() -> Refreshing.RELEASED.get() == 2);
          assertEquals(0, stats("Refreshing.instance(String)").entries());
          int[] next = Refreshing_Cached.instance("d");
          assertNotSame(first, next);
          assertEquals(3, Calls.count("instance"));
        });
  }
}
