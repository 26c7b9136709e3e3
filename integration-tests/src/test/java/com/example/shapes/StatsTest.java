package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statistics per cached method, through the global registries. */
class StatsTest {
  private static CacheStats statsOf(List<CacheStats> all, String method) {
    return all.stream()
        .filter(stats -> stats.method().equals(method))
        .findFirst()
        .orElseThrow(() -> new AssertionError(method + " not in " + all));
  }

  @Test
  void memoStats_countHitsMissesComputationsAndFailures() {
    Overloads overloads = new Overloads_Cached();
    Overloads_Cached.clearAll();
    CacheStats before = statsOf(MemoCaches.stats(), "Overloads.area(int, int)");
    overloads.area(2, 3);
    overloads.area(2, 3);
    overloads.area(2, 3);
    overloads.area(4, 5);
    CacheStats after = statsOf(MemoCaches.stats(), "Overloads.area(int, int)");
    assertEquals(2, after.hits() - before.hits());
    assertEquals(2, after.misses() - before.misses());
    assertEquals(2, after.computations() - before.computations());
    assertEquals(2, after.entries());
    assertEquals(List.of("int", "int"), after.parameterTypes());
    assertTrue(after.totalComputationTime().toNanos() > 0);

    Values values = new Values_Cached();
    CacheStats failingBefore = statsOf(MemoCaches.stats(), "Values.failing(int)");
    assertThrows(IllegalStateException.class, () -> values.failing(9));
    CacheStats failingAfter = statsOf(MemoCaches.stats(), "Values.failing(int)");
    assertEquals(1, failingAfter.failures() - failingBefore.failures());
    assertEquals(0, failingAfter.entries());
  }

  @Test
  void hitsFromManyThreads_areCountedExactly() throws InterruptedException {
    Overloads overloads = new Overloads_Cached();
    overloads.area(7, 11); // stored before the threads start: every call below is a hit
    CacheStats before = statsOf(MemoCaches.stats(), "Overloads.area(int, int)");
    int threads = 16; // more threads than hit-counter cells on a small machine
    int hitsEach = 50_000;
    List<Thread> started = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < hitsEach; i++) {
                  overloads.area(7, 11);
                }
              });
      thread.start();
      started.add(thread);
    }
    for (Thread thread : started) {
      thread.join(60_000);
    }
    CacheStats after = statsOf(MemoCaches.stats(), "Overloads.area(int, int)");
    assertEquals((long) threads * hitsEach, after.hits() - before.hits());
    assertEquals(0, after.misses() - before.misses());
  }

  @Test
  void singletonStats_areListedSeparatelyFromMemoStats() {
    new RnaPages_Cached().database();
    assertTrue(
        SingletonCaches.stats().stream().anyMatch(s -> s.method().equals("RnaPages.database()")));
    assertTrue(
        MemoCaches.stats().stream().noneMatch(s -> s.method().equals("RnaPages.database()")));
  }

  @Test
  void evictions_areCountedForBoundedCaches() {
    Bounded bounded = new Bounded_Cached();
    CacheStats before = statsOf(MemoCaches.stats(), "Bounded.small(int)");
    for (int n = 0; n < 50; n++) {
      bounded.small(n);
    }
    CacheStats after = statsOf(MemoCaches.stats(), "Bounded.small(int)");
    assertTrue(after.evictions() - before.evictions() >= 48, after.toString());
    assertTrue(after.entries() <= 2, after.toString());
  }

  @Test
  void identity_isTheBinaryClassNameMethodAndParameterTypes_andClearsThatOverloadOnly() {
    Overloads overloads = new Overloads_Cached();
    Overloads_Cached.clearAll();
    overloads.area(3);
    overloads.area(3, 4);
    CacheStats pair = statsOf(MemoCaches.stats(), "Overloads.area(int, int)");
    assertEquals("com.example.shapes.Overloads.area(int,int)", pair.id());
    assertEquals("com.example.shapes.Overloads", pair.binaryClassName());
    new Outer_Middle_Inner_Cached().cube(2);
    CacheStats nested = statsOf(MemoCaches.stats(), "Outer.Middle.Inner.cube(int)");
    assertEquals("com.example.shapes.Outer$Middle$Inner", nested.binaryClassName());
    assertEquals("com.example.shapes.Outer$Middle$Inner.cube(int)", nested.id());

    assertTrue(MemoCaches.clear("com.example.shapes.Overloads.area(int,int)"));

    assertEquals(0, statsOf(MemoCaches.stats(), "Overloads.area(int, int)").entries());
    assertEquals(1, statsOf(MemoCaches.stats(), "Overloads.area(int)").entries());
  }
}
