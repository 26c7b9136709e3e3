package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.ConcurrentlyModifiedParameterException;
import io.memocache.runtime.internal.keys.ContentKeys;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** SPEC section 4: Class arguments by identity, no toString() on the way, changed arguments. */
class ArgumentKeyingTest {
  /** A map key whose toString() fails: keying must never call it. */
  record Sku(String code) {
    @Override
    public String toString() {
      throw new UnsupportedOperationException("no text for " + code);
    }
  }

  @Test
  void mapArgument_isKeyedWithoutCallingToStringOnItsKeys() {
    Object key = ContentKeys.stableOf(ContentKeys.snapshot(new HashMap<>(Map.of(new Sku("a"), 1))));
    assertEquals(key, ContentKeys.snapshot(Map.of(new Sku("a"), 1)));
    assertNotEquals(key, ContentKeys.snapshot(Map.of(new Sku("b"), 1)));
  }

  @Test
  void classArgument_storedKeyDoesNotKeepItsClassLoaderAlive() throws Exception {
    Map<Object, String> entries = new ConcurrentHashMap<>();
    WeakReference<ClassLoader> loader = storeKeysOfAThrowawayClass(entries);
    for (int i = 0; i < 100 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(loader.get(), "the class loader is still reachable");
    assertEquals(2, entries.size(), "the entries themselves stay until cleared");
  }

  private static WeakReference<ClassLoader> storeKeysOfAThrowawayClass(Map<Object, String> entries)
      throws Exception {
    URL classes = Samples.Point.class.getProtectionDomain().getCodeSource().getLocation();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
    Class<?> point = loader.loadClass(Samples.Point.class.getName());
    entries.put(ContentKeys.stableOf(ContentKeys.snapshot(point)), "class");
    entries.put(ContentKeys.stableOf(ContentKeys.snapshot(List.of(point))), "list of class");
    assertEquals("class", entries.get(ContentKeys.snapshot(point)));
    assertNull(entries.get(ContentKeys.snapshot(Samples.Point.class)), "same name, other class");
    loader.close();
    return new WeakReference<>(loader);
  }

  /** A map whose entries change between sizing and iterating, as if another thread removed one. */
  static final class ShrinkingMap extends AbstractMap<String, Integer> {
    private final Map<String, Integer> backing = new HashMap<>(Map.of("a", 1, "b", 2));

    @Override
    public int size() {
      return backing.size() + 1;
    }

    @Override
    public Set<Entry<String, Integer>> entrySet() {
      return backing.entrySet();
    }
  }

  /** A map that another thread modifies while it is iterated: its iterator fails fast. */
  static final class ModifiedMap extends AbstractMap<String, Integer> {
    private final Map<String, Integer> backing = new HashMap<>(Map.of("a", 1, "b", 2));

    @Override
    public Set<Entry<String, Integer>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Integer>> iterator() {
          Iterator<Entry<String, Integer>> entries = backing.entrySet().iterator();
          backing.put("c", 3); // the other thread's write, landing just after iteration began
          return entries;
        }

        @Override
        public int size() {
          return backing.size();
        }
      };
    }
  }

  @Test
  void argumentChangedWhileKeyed_failsNamingMethodAndParameter() {
    MethodCache cache =
        MethodCache.memo(ArgumentKeyingTest.class, "count", "(Ljava/util/Map;)Ljava/lang/Object;")
            .parameterTypes("Map")
            .keyParameters("totals")
            .build();
    for (Map<String, Integer> changing : List.of(new ShrinkingMap(), new ModifiedMap())) {
      ConcurrentlyModifiedParameterException failure =
          assertThrows(
              ConcurrentlyModifiedParameterException.class, () -> cache.contentKey(0, changing));
      assertEquals("totals", failure.parameter());
      assertTrue(failure.getMessage().contains("count(Map)"), failure.getMessage());
      assertTrue(failure.getMessage().contains("'totals'"), failure.getMessage());
      assertTrue(failure.getMessage().contains("changed while it was being keyed"));
    }
    assertEquals(0, cache.stats().entries(), "nothing is stored");
  }
}
