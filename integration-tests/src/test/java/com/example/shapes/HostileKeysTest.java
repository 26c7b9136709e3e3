package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.ConcurrentlyModifiedParameterException;
import io.memocache.runtime.MemoCaches;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 4, for arguments that come from request input: colliding hash codes, any depth,
 * classes of several loaders, and arguments another thread modifies during the call.
 */
class HostileKeysTest {
  private static final int COLLIDING = 50_000;

  private final Keyed keyed = new Keyed_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    Calls.reset();
  }

  /** Strings of 16 "Aa"/"BB" blocks: all share one hash code. */
  private static List<String> colliding(int count) {
    List<String> strings = new ArrayList<>(count);
    for (int bits = 0; bits < count; bits++) {
      StringBuilder text = new StringBuilder();
      for (int block = 0; block < 16; block++) {
        text.append((bits >>> block & 1) == 0 ? "Aa" : "BB");
      }
      strings.add(text.toString());
    }
    return strings;
  }

  @Test
  void twoStringParameters_withCollidingHashCodes_fillAndHitInBoundedTime() {
    List<String> names = colliding(COLLIDING);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (String name : names) {
            keyed.joined(name, "Smith");
          }
          for (String name : names) {
            assertEquals(name + " Smith", keyed.joined(name, "Smith"));
          }
        });
    assertEquals(COLLIDING, Calls.count("joined"), "each colliding key is its own entry");
  }

  @Test
  void recordOfTwoStrings_withCollidingHashCodes_fillAndHitInBoundedTime() {
    List<String> names = colliding(COLLIDING);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (String name : names) {
            keyed.fullName(new Keyed.Name(name, "Smith"));
          }
          for (String name : names) {
            assertEquals(name + " Smith", keyed.fullName(new Keyed.Name(name, "Smith")));
          }
        });
    assertEquals(COLLIDING, Calls.count("fullName"));
  }

  @Test
  void mapsWithCollidingHashCodes_fillAndHitInBoundedTime() {
    List<String> names = colliding(COLLIDING);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (String name : names) {
            keyed.mapSize(Map.of(name, 1));
          }
          for (String name : names) {
            assertEquals(1, keyed.mapSize(new HashMap<>(Map.of(name, 1))));
          }
        });
    assertEquals(COLLIDING, Calls.count("mapSize"));
  }

  @Test
  void listNested20000Deep_isKeyedOnADefaultStack() throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              assertEquals(20_000, keyed.depth(nested(20_000)));
              assertEquals(20_000, keyed.depth(nested(20_000)));
              assertEquals(19_999, keyed.depth(nested(19_999)));
            });
    caller.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
    caller.start();
    caller.join(60_000);
    assertTrue(!caller.isAlive() && failure.get() == null, String.valueOf(failure.get()));
    assertEquals(2, Calls.count("depth"));
  }

  private static List<Object> nested(int depth) {
    List<Object> list = new ArrayList<>(List.of("leaf"));
    for (int i = 1; i < depth; i++) {
      List<Object> outer = new ArrayList<>();
      outer.add(list);
      list = outer;
    }
    return list;
  }

  @Test
  void sameNamedClassesOfTwoLoaders_areTwoKeys() throws Exception {
    URL classes = Keyed.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader other = new URLClassLoader(new URL[] {classes}, null)) {
      Class<?> reloaded = other.loadClass(Keyed.Point.class.getName());
      String first = keyed.className(Keyed.Point.class);
      String second = keyed.className(reloaded);
      assertNotEquals(first, second, "the second loader's class got the first one's value");
      assertEquals(first, keyed.className(Keyed.Point.class));
      assertEquals(2, Calls.count("className"));
    }
  }

  @Test
  void classArgument_storedKeyNeverKeepsItsLoaderAlive() throws Exception {
    WeakReference<ClassLoader> loader = callWithAThrowawayClass();
    for (int i = 0; i < 100 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(loader.get(), "a stored key keeps the class loader alive");
  }

  private WeakReference<ClassLoader> callWithAThrowawayClass() throws Exception {
    URL classes = Keyed.class.getProtectionDomain().getCodeSource().getLocation();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
    Class<?> point = loader.loadClass(Keyed.Point.class.getName());
    keyed.className(point);
    keyed.describe(List.of(point));
    loader.close();
    return new WeakReference<>(loader);
  }

  /** A map whose entry count no longer matches its size: another thread removed an entry. */
  static final class ShrinkingMap extends AbstractMap<String, Integer> {
    private final Map<String, Integer> backing = new HashMap<>(Map.of("a", 1));

    @Override
    public int size() {
      return 2;
    }

    @Override
    public Set<Entry<String, Integer>> entrySet() {
      return backing.entrySet();
    }
  }

  @Test
  void argumentChangedDuringTheCall_failsNamingMethodAndParameter_andCachesNothing() {
    ConcurrentlyModifiedParameterException failure =
        assertThrows(
            ConcurrentlyModifiedParameterException.class, () -> keyed.mapSize(new ShrinkingMap()));
    assertEquals("values", failure.parameter());
    assertTrue(
        failure.getMessage().contains("Keyed.mapSize(Map<String, Integer>)"), failure.getMessage());
    assertTrue(failure.getMessage().contains("changed while it was being keyed"));
    assertEquals(0, Calls.count("mapSize"), "the method is not run");
  }

  @Test
  void argumentMutatedByAnotherThread_neverLeaksARawIterationException()
      throws InterruptedException {
    Map<String, Integer> shared = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      shared.put("k" + i, i);
    }
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                shared.put("w" + (i % 64), i);
                shared.remove("w" + ((i + 32) % 64));
              }
            });
    writer.setDaemon(true);
    writer.start();
    try {
      long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < end) {
        try {
          keyed.mapSize(shared);
        } catch (ConcurrentlyModifiedParameterException expected) {
          assertEquals("values", expected.parameter());
        }
      }
    } finally {
      writer.interrupt();
      writer.join(10_000);
    }
  }
}
