package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.CachedMethod;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The registries' public surface: identities, live views, listeners and clears by id. */
class CacheRegistryTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** A nested class, to see binary names with a '$'. */
  static final class Outer {
    static final class Inner {}
  }

  /** A fresh method name, so tests never see each other's caches in the process-wide registry. */
  private static String unique(String name) {
    return name + NAMES.incrementAndGet();
  }

  private static void store(MethodCache cache, Object key, Object value) {
    Object pending = cache.begin(key);
    ((MethodCache.Pending) pending).succeeded(value);
  }

  @Test
  void identity_namesTheBinaryClassAndTheParameterTypesWithoutSpaces() {
    String name = unique("load");
    MethodCache cache =
        MethodCache.memo(Outer.Inner.class, name, "(Ljava/util/Map;I)Ljava/lang/Object;")
            .parameterTypes("Map<String, Integer>", "int")
            .build();

    String binary = "io.memocache.runtime.internal.CacheRegistryTest$Outer$Inner";
    assertEquals(binary + "." + name + "(Map<String,Integer>,int)", cache.id());
    CacheStats stats = cache.stats();
    assertEquals(cache.id(), stats.id());
    assertEquals(binary, stats.binaryClassName());
    assertEquals("CacheRegistryTest.Outer.Inner", stats.className());
    assertEquals(
        "CacheRegistryTest.Outer.Inner." + name + "(Map<String, Integer>, int)", stats.method());
  }

  @Test
  void methods_listsLiveViewsOfEachKindSeparately() {
    MethodCache memo =
        MethodCache.memo(Outer.class, unique("memo"), "()Ljava/lang/Object;").build();
    MethodCache singleton =
        MethodCache.singleton(Outer.class, unique("single"), "()Ljava/lang/Object;").build();

    assertTrue(MemoCaches.methods().contains(memo));
    assertFalse(MemoCaches.methods().contains(singleton));
    assertTrue(SingletonCaches.methods().contains(singleton));
    assertFalse(SingletonCaches.methods().contains(memo));

    CachedMethod view = find(MemoCaches.methods(), memo.id());
    assertEquals(0, view.stats().entries());
    store(memo, Keys.of(1), "one");
    assertEquals(1, view.stats().entries(), "the view reads the cache, it is not a snapshot");
  }

  @Test
  void clearById_clearsThatOverloadOnly() {
    String name = unique("area");
    MethodCache square =
        MethodCache.memo(Outer.class, name, "(I)Ljava/lang/Object;").parameterTypes("int").build();
    MethodCache rectangle =
        MethodCache.memo(Outer.class, name, "(II)Ljava/lang/Object;")
            .parameterTypes("int", "int")
            .build();
    store(square, Keys.of(2), 4);
    store(rectangle, Keys.of(2, 3), 6);

    assertTrue(MemoCaches.clear(square.id()));

    assertEquals(0, square.stats().entries());
    assertEquals(1, rectangle.stats().entries());
    assertFalse(MemoCaches.clear(Outer.class.getName() + ".noSuchMethod()"));
    assertFalse(
        SingletonCaches.clear(rectangle.id()), "a @Memo id is not found among the singletons");
    assertEquals(1, rectangle.stats().entries());
  }

  @Test
  void listener_seesEveryExistingCacheThenEachNewOneOnce() {
    MethodCache before =
        MethodCache.memo(Outer.class, unique("before"), "()Ljava/lang/Object;").build();
    List<CachedMethod> seen = new ArrayList<>();
    Consumer<CachedMethod> listener = seen::add;
    MemoCaches.addListener(listener);
    try {
      assertTrue(seen.contains(before));
      int existing = seen.size();

      MethodCache after =
          MethodCache.memo(Outer.class, unique("after"), "()Ljava/lang/Object;").build();
      MethodCache.singleton(Outer.class, unique("otherKind"), "()Ljava/lang/Object;").build();

      assertEquals(existing + 1, seen.size());
      assertSame(after, seen.get(existing));
    } finally {
      assertTrue(MemoCaches.removeListener(listener));
    }
    MethodCache.memo(Outer.class, unique("removed"), "()Ljava/lang/Object;").build();
    assertFalse(seen.stream().anyMatch(m -> m.id().contains(".removed")));
    assertFalse(MemoCaches.removeListener(listener));
  }

  @Test
  void failingListener_isLoggedAndNeverFailsTheCacheBeingCreated() {
    Consumer<CachedMethod> failing =
        method -> {
          throw new IllegalStateException("listener bug");
        };
    List<String> laterListener = new ArrayList<>();
    Consumer<CachedMethod> recording = method -> laterListener.add(method.id());
    SingletonCaches.addListener(failing);
    SingletonCaches.addListener(recording);
    try {
      MethodCache cache =
          MethodCache.singleton(Outer.class, unique("created"), "()Ljava/lang/Object;").build();
      assertNotNull(cache);
      assertTrue(laterListener.contains(cache.id()), "the other listeners are still told");
    } finally {
      SingletonCaches.removeListener(failing);
      SingletonCaches.removeListener(recording);
    }
  }

  @Test
  void listenerAddedWhileCachesAreCreated_seesEachExactlyOnce() throws Exception {
    int threads = 4;
    int cachesEach = 200;
    String prefix = unique("race") + "x";
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    Consumer<CachedMethod> listener =
        method -> {
          if (method.id().contains("." + prefix)) {
            seen.computeIfAbsent(method.id(), id -> new AtomicInteger()).incrementAndGet();
          }
        };
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> creators = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread creator =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int i = 0; i < cachesEach; i++) {
                  MethodCache.memo(Outer.class, prefix + thread + "_" + i, "()Ljava/lang/Object;")
                      .build();
                }
              });
      creator.start();
      creators.add(creator);
    }
    start.countDown();
    MemoCaches.addListener(listener);
    try {
      for (Thread creator : creators) {
        creator.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(creator.isAlive(), "creator did not finish");
      }
      assertEquals(threads * cachesEach, seen.size());
      seen.forEach((id, count) -> assertEquals(1, count.get(), id));
    } finally {
      MemoCaches.removeListener(listener);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static CachedMethod find(List<CachedMethod> methods, String id) {
    return methods.stream()
        .filter(method -> method.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + methods));
  }
}
