package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/** The hit counter: exact, mostly fence-free, and holding no thread alive. */
class HitCounterTest {
  @Test
  void slotCount_isTwoPerProcessorAsAPowerOfTwoFrom4To64() {
    assertEquals(4, HitCounter.slotCount(1));
    assertEquals(4, HitCounter.slotCount(2));
    assertEquals(8, HitCounter.slotCount(3));
    assertEquals(16, HitCounter.slotCount(8));
    assertEquals(64, HitCounter.slotCount(32));
    assertEquals(64, HitCounter.slotCount(500));
  }

  @Test
  void oneThread_countsInItsOwnCell() {
    HitCounter counter = new HitCounter();
    for (int i = 0; i < 1000; i++) {
      counter.increment();
    }
    assertEquals(1000, counter.sum());
    assertTrue(counter.countsInOwnCell(Thread.currentThread()));
  }

  @Test
  void manyThreads_sharingSlots_loseNoHit() throws Exception {
    HitCounter counter = new HitCounter();
    int threads = 24; // more threads than slots on any machine up to 8 processors
    countFromThreads(counter, threads, 200_000, Thread::new);
    counter.reclaimDeadOwners();
    assertEquals(threads * 200_000L, counter.sum());
  }

  @Test
  void endedOwnersSlot_isTakenOverWithItsCount() throws Exception {
    HitCounter counter = new HitCounter();
    Thread first = runToEnd(new Thread(() -> countTimes(counter, 5)));
    counter.reclaimDeadOwners();
    assertEquals(5, counter.sum(), "a reclaimed cell keeps its count");

    Thread second = runToEnd(threadInSameSlot(first, () -> countTimes(counter, 7)));
    assertEquals(12, counter.sum());
    assertTrue(counter.countsInOwnCell(second), "the new thread owns the freed slot");
  }

  @Test
  void liveOwnersSlot_isNotReclaimed() throws Exception {
    HitCounter counter = new HitCounter();
    counter.increment();
    counter.reclaimDeadOwners();
    for (int miss = 0; miss < 64 * 64 * 16; miss++) {
      counter.reclaimNowAndThen();
    }
    assertTrue(counter.countsInOwnCell(Thread.currentThread()), "reclaimed under a live owner");
    counter.increment();
    assertEquals(2, counter.sum());
  }

  @Test
  void misses_reclaimEndedOwnersWithoutStatsBeingRead() throws Exception {
    HitCounter counter = new HitCounter();
    Thread first = runToEnd(new Thread(() -> countTimes(counter, 3)));
    // One miss in 64 checks one random slot: enough misses that every slot of 64 gets checked.
    for (int miss = 0; miss < 64 * 64 * 64; miss++) {
      counter.reclaimNowAndThen();
    }
    Thread second = runToEnd(threadInSameSlot(first, () -> countTimes(counter, 1)));
    assertTrue(counter.countsInOwnCell(second));
    assertEquals(4, counter.sum());
  }

  @Test
  @SuppressWarnings("deprecation") // getId() is what JDK 17 offers, and what a subclass overrides
  void threadsClaimingOneAnothersId_neverShareACell() throws Exception {
    HitCounter counter = new HitCounter();
    long sharedId = Thread.currentThread().getId();
    int threads = 8;
    countFromThreads(
        counter,
        threads,
        200_000,
        task ->
            new Thread(task) {
              @Override
              @SuppressWarnings("deprecation")
              public long getId() {
                return sharedId; // only JDK 17 asks getId(); later JDKs ask the final threadId()
              }
            });
    assertEquals(threads * 200_000L, counter.sum());
  }

  @Test
  void counter_keepsNoEndedThreadNorItsContextClassLoaderAlive() throws Exception {
    HitCounter counter = new HitCounter();
    URLClassLoader loader = new URLClassLoader(new URL[0], null);
    Thread thread = new Thread(() -> countTimes(counter, 1));
    thread.setContextClassLoader(loader);
    runToEnd(thread);
    WeakReference<Thread> threadRef = new WeakReference<>(thread);
    WeakReference<ClassLoader> loaderRef = new WeakReference<>(loader);
    thread = null;
    loader = null;
    for (int i = 0; i < 50 && (threadRef.get() != null || loaderRef.get() != null); i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(threadRef.get(), "the counter kept its ended owner alive");
    assertNull(loaderRef.get(), "the counter kept the owner's context class loader alive");
    assertEquals(1, counter.sum());
  }

  /** Starts the threads together, each counting {@code hitsEach} hits, and joins them all. */
  private static void countFromThreads(
      HitCounter counter, int threads, int hitsEach, ThreadFactory factory)
      throws InterruptedException {
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          factory.newThread(
              () -> {
                await(start);
                countTimes(counter, hitsEach);
              });
      thread.start();
      started.add(thread);
    }
    for (Thread thread : started) {
      thread.join(60_000);
      assertFalse(thread.isAlive(), "a counting thread hung");
    }
  }

  /** Starts the thread and waits for it to end. */
  private static Thread runToEnd(Thread thread) throws InterruptedException {
    thread.start();
    thread.join();
    return thread;
  }

  private static void countTimes(HitCounter counter, int times) {
    for (int i = 0; i < times; i++) {
      counter.increment();
    }
  }

  /** Creates (without starting) threads until one maps to the same slot as {@code other}. */
  @SuppressWarnings("deprecation") // getId() is the id on JDK 17 too
  private static Thread threadInSameSlot(Thread other, Runnable task) {
    int slots = HitCounter.slotCount(Runtime.getRuntime().availableProcessors());
    while (true) {
      Thread candidate = new Thread(task);
      if ((candidate.getId() & (slots - 1)) == (other.getId() & (slots - 1))) {
        return candidate;
      }
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
