package io.memocache.runtime.internal.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The copy engine's Kryo pool: reuse, bounds, and one borrower per instance at a time. */
class SlotPoolTest {
  /** A pooled instance that knows whether it is borrowed. */
  static final class Instance {
    final AtomicBoolean borrowed = new AtomicBoolean();
  }

  private final AtomicInteger created = new AtomicInteger();

  private SlotPool<Instance> pool(int capacity) {
    return new SlotPool<>(
        capacity,
        () -> {
          created.incrementAndGet();
          return new Instance();
        });
  }

  @Test
  void aFreedInstance_isObtainedAgain_withoutCreatingAnother() {
    SlotPool<Instance> pool = pool(8);

    Instance first = pool.obtain();
    pool.free(first);
    Instance second = pool.obtain();

    assertSame(first, second);
    assertEquals(1, created.get());
  }

  @Test
  void anEmptyPoolCreates_andAFullPoolDropsWhatIsFreed() {
    SlotPool<Instance> pool = pool(1);
    Instance a = pool.obtain();
    Instance b = pool.obtain();

    pool.free(a);
    pool.free(b); // no slot left: dropped

    assertEquals(1, pool.idle());
    assertSame(a, pool.obtain());
    assertNotSame(b, pool.obtain());
    assertEquals(3, created.get());
  }

  @Test
  void idleInstancesAreFoundInAnySlot_andTheCapacityRoundsUpToAPowerOfTwo() {
    SlotPool<Instance> pool = pool(3);
    List<Instance> borrowed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      borrowed.add(pool.obtain());
    }
    borrowed.forEach(pool::free);

    assertEquals(4, pool.idle(), "four slots, one instance dropped");
    for (int i = 0; i < 4; i++) {
      assertTrue(borrowed.contains(pool.obtain()), "an idle instance, whichever slot held it");
    }
    assertEquals(5, created.get());
  }

  @Test
  void aCapacityThatIsNotPositive_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool(0));
    assertTrue(e.getMessage().contains(": 0"), e.getMessage());
  }

  @Test
  void concurrentBorrowers_neverShareAnInstance() {
    SlotPool<Instance> pool = pool(2); // fewer slots than threads: slots are contended
    int threads = 8;
    int rounds = 20_000;
    AtomicInteger shared = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
              done.add(
                  executor.submit(
                      () -> {
                        start.await();
                        for (int i = 0; i < rounds; i++) {
                          Instance instance = pool.obtain();
                          if (!instance.borrowed.compareAndSet(false, true)) {
                            shared.incrementAndGet();
                          }
                          Thread.yield();
                          instance.borrowed.set(false);
                          pool.free(instance);
                        }
                        return null;
                      }));
            }
            start.countDown();
            for (Future<?> future : done) {
              future.get();
            }
          });
    } finally {
      executor.shutdownNow();
    }

    assertEquals(0, shared.get(), "an instance handed to two borrowers at once");
    assertTrue(pool.idle() <= 2);
  }
}
