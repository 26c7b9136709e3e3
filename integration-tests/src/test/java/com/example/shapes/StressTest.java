package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 64 threads on 16 keys, with and without concurrent clears, eviction and expiry. Every value
 * encodes its key and the epoch it was computed in, so wrong or stale values are counted exactly.
 */
class StressTest {
  private static final int THREADS = 64;
  private static final int KEYS = 16;
  private static final int CALLS_PER_THREAD = 2_000;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final Epochs epochs = new Epochs_Cached();

  @BeforeEach
  void freshState() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Epochs.COMPUTED.clear();
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void withoutClears_eachKeyIsComputedExactlyOnceAndEveryCallGetsItsKey() throws Exception {
    int epoch = Epochs.EPOCH.get();
    AtomicLong wrong = new AtomicLong();
    Map<Integer, Epochs.Value> singletons = new ConcurrentHashMap<>();
    AtomicLong notSameSingleton = new AtomicLong();
    runOnAllThreads(
        (thread, call) -> {
          int key = (thread + call) % KEYS;
          Epochs.Value memo = epochs.memo(key);
          memo.notes.add("scribble"); // each caller owns its copy
          if (memo.key != key || memo.notes.size() != 1) {
            wrong.incrementAndGet();
          }
          Epochs.Value shared = epochs.singleton(key);
          if (singletons.computeIfAbsent(key, k -> shared) != shared) {
            notSameSingleton.incrementAndGet();
          }
        });
    assertEquals(0, wrong.get(), "wrong memo values");
    assertEquals(0, notSameSingleton.get(), "callers saw different singleton instances");
    for (int key = 0; key < KEYS; key++) {
      assertEquals(1, Epochs.COMPUTED.get("memo" + key + "@" + epoch).get(), "memo key " + key);
      assertEquals(
          1, Epochs.COMPUTED.get("singleton" + key + "@" + epoch).get(), "singleton key " + key);
    }
  }

  @Test
  void withConcurrentClears_noCallerSeesAValueFromBeforeACompletedClear() throws Exception {
    AtomicInteger completedEpoch = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong wrong = new AtomicLong();
    AtomicLong stale = new AtomicLong();
    AtomicInteger clears = new AtomicInteger();
    Thread clearer =
        new Thread(
            () -> {
              while (running.get()) {
                int epoch = Epochs.EPOCH.incrementAndGet();
                switch (epoch % 3) {
                  case 0 -> Epochs_Cached.clearMemo();
                  case 1 -> MemoCaches.clearAll();
                  default -> Epochs_Cached.clearAll();
                }
                completedEpoch.set(epoch);
                clears.incrementAndGet();
                Thread.yield();
              }
            });
    clearer.start();
    try {
      runOnAllThreads(
          (thread, call) -> {
            int key = (thread * 7 + call) % KEYS;
            int clearedUpTo = completedEpoch.get();
            Epochs.Value memo = epochs.memo(key);
            if (memo.key != key) {
              wrong.incrementAndGet();
            }
            if (memo.epoch < clearedUpTo) {
              stale.incrementAndGet();
            }
          });
    } finally {
      running.set(false);
      clearer.join(10_000);
    }
    assertTrue(clears.get() > 10, "the clearer ran " + clears.get() + " times");
    assertEquals(0, wrong.get(), "wrong values");
    assertEquals(0, stale.get(), "values computed before a completed clear");
  }

  @Test
  void withEvictionAndExpiry_everyCallStillGetsItsKey() throws Exception {
    AtomicLong wrong = new AtomicLong();
    runOnAllThreads(
        (thread, call) -> {
          int key = (thread + call * 3) % KEYS;
          if (epochs.churn(key).key != key) {
            wrong.incrementAndGet();
          }
        });
    assertEquals(0, wrong.get(), "wrong values");
    assertTrue(
        MemoCaches.stats().stream()
            .filter(stats -> stats.method().equals("Epochs.churn(int)"))
            .allMatch(stats -> stats.entries() <= 4 && stats.evictions() > 0),
        MemoCaches.stats().toString());
  }

  /** Runs the body on 64 threads, started together, within a bounded time. */
  private void runOnAllThreads(ThreadBody body) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          CountDownLatch start = new CountDownLatch(1);
          List<Future<?>> threads = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(
                pool.submit(
                    () -> {
                      start.await();
                      for (int call = 0; call < CALLS_PER_THREAD; call++) {
                        body.run(thread, call);
                      }
                      return null;
                    }));
          }
          start.countDown();
          for (Future<?> thread : threads) {
            thread.get(60, TimeUnit.SECONDS);
          }
        });
  }

  @FunctionalInterface
  private interface ThreadBody {
    void run(int thread, int call);
  }
}
