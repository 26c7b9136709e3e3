package io.memocache.runtime.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memocache.runtime.internal.Samples;
import io.memocache.runtime.internal.Samples.Bean;
import io.memocache.runtime.internal.Samples.Color;
import io.memocache.runtime.internal.Samples.Point;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC section 4: keys by content, for every kind of argument a service passes. */
class ContentKeysTest {
  /**
   * One argument type: {@code value} makes a fresh argument each call (equal content, new
   * identity), {@code different} one with other content, {@code mutate} changes an argument in
   * place (null when the type is immutable).
   */
  record Case(String name, Supplier<Object> value, Supplier<Object> different, Consumer<Object> mutate) {
    @Override
    public String toString() {
      return name;
    }
  }

  @SuppressWarnings("unchecked")
  static Stream<Case> argumentTypes() {
    return Stream.of(
        new Case("Integer", () -> 1234567, () -> 1234568, null),
        new Case("Long", () -> 9_000_000_000L, () -> 9_000_000_001L, null),
        new Case("Double", () -> 0.1 + 0.2, () -> 0.3, null),
        new Case("Float", () -> 1.5f, () -> 2.5f, null),
        new Case("Short", () -> (short) 7, () -> (short) 8, null),
        new Case("Byte", () -> (byte) 7, () -> (byte) -7, null),
        new Case("Character", () -> 'x', () -> 'y', null),
        new Case("Boolean", () -> true, () -> false, null),
        new Case("String", () -> new String("page"), () -> "Page", null),
        new Case("enum", () -> Color.RED, () -> Color.GREEN, null),
        new Case("enum constant with body", () -> Color.BLUE, () -> Color.RED, null),
        new Case("BigDecimal", () -> new BigDecimal("1.50"), () -> new BigDecimal("1.5"), null),
        new Case("BigInteger", () -> BigInteger.TEN.pow(30), () -> BigInteger.TEN.pow(31), null),
        new Case("UUID", () -> new UUID(1, 2), () -> new UUID(2, 1), null),
        new Case("LocalDate", () -> LocalDate.of(2024, 2, 29), () -> LocalDate.of(2024, 3, 1), null),
        new Case("Instant", () -> Instant.ofEpochSecond(5), () -> Instant.ofEpochSecond(6), null),
        new Case("Duration", () -> Duration.ofMinutes(10), () -> Duration.ofMinutes(11), null),
        new Case("ZoneId", () -> ZoneId.of("Europe/Paris"), () -> ZoneId.of("UTC"), null),
        new Case("Class", () -> String.class, () -> Integer.class, null),
        new Case("int[]", () -> new int[] {1, 2, 3}, () -> new int[] {1, 2, 4}, a -> ((int[]) a)[0] = 9),
        new Case("long[]", () -> new long[] {1, 2}, () -> new long[] {2, 1}, a -> ((long[]) a)[0] = 9),
        new Case("double[]", () -> new double[] {0.5}, () -> new double[] {-0.5}, a -> ((double[]) a)[0] = 9),
        new Case("float[]", () -> new float[] {0.5f}, () -> new float[0], a -> ((float[]) a)[0] = 9),
        new Case("byte[]", () -> "abc".getBytes(), () -> "abd".getBytes(), a -> ((byte[]) a)[0] = 9),
        new Case("char[]", () -> "abc".toCharArray(), () -> "ab".toCharArray(), a -> ((char[]) a)[0] = 'z'),
        new Case("short[]", () -> new short[] {1}, () -> new short[] {2}, a -> ((short[]) a)[0] = 9),
        new Case("boolean[]", () -> new boolean[] {true}, () -> new boolean[] {false}, a -> ((boolean[]) a)[0] = false),
        new Case("large byte[]", () -> large(new byte[100_003]), () -> changedLast(large(new byte[100_003])), a -> ((byte[]) a)[0]++),
        new Case("large char[]", () -> large(new char[50_001]), () -> changedLast(large(new char[50_001])), a -> ((char[]) a)[0]++),
        new Case("large short[]", () -> large(new short[50_001]), () -> changedLast(large(new short[50_001])), a -> ((short[]) a)[0]++),
        new Case("large int[]", () -> large(new int[25_001]), () -> changedLast(large(new int[25_001])), a -> ((int[]) a)[0]++),
        new Case("large boolean[]", () -> large(new boolean[100_003]), () -> changedLast(large(new boolean[100_003])), a -> ((boolean[]) a)[0] ^= true),
        new Case("large double[]", () -> large(new double[12_501]), () -> changedLast(large(new double[12_501])), a -> ((double[]) a)[0]++),
        new Case("int[][]", () -> new int[][] {{1}, {2, 3}}, () -> new int[][] {{1}, {2, 4}}, a -> ((int[][]) a)[1][1] = 9),
        new Case("String[]", () -> new String[] {"a", "b"}, () -> new String[] {"b", "a"}, a -> ((String[]) a)[0] = "z"),
        new Case("Object[] mixed", () -> new Object[] {1, "a", null}, () -> new Object[] {1L, "a", null}, a -> ((Object[]) a)[2] = 3),
        new Case("ArrayList", () -> new ArrayList<>(List.of("a", "b")), () -> new ArrayList<>(List.of("a")), a -> ((List<Object>) a).add("c")),
        new Case("LinkedList", () -> new LinkedList<>(List.of(1, 2)), () -> new LinkedList<>(List.of(2, 1)), a -> ((List<Object>) a).clear()),
        new Case("List.of", () -> List.of(1, 2, 3), () -> List.of(1, 2), null),
        new Case("Arrays.asList", () -> Arrays.asList("x", null), () -> Arrays.asList("x", "y"), a -> ((List<Object>) a).set(1, "q")),
        new Case("unmodifiableList", () -> Collections.unmodifiableList(new ArrayList<>(List.of(1))), () -> List.of(2), null),
        new Case("HashSet", () -> new HashSet<>(Set.of(3, 1, 2)), () -> new HashSet<>(Set.of(3, 1)), a -> ((Set<Object>) a).add(4)),
        new Case("TreeSet", () -> new TreeSet<>(Set.of("b", "a")), () -> new TreeSet<>(Set.of("c")), a -> ((Set<Object>) a).clear()),
        new Case("EnumSet", () -> EnumSet.of(Color.RED), () -> EnumSet.of(Color.GREEN), a -> ((Set<Color>) a).add(Color.BLUE)),
        new Case("HashMap", () -> new HashMap<>(Map.of("a", 1, "b", 2)), () -> new HashMap<>(Map.of("a", 1, "b", 3)), a -> ((Map<Object, Object>) a).put("c", 3)),
        new Case("LinkedHashMap", () -> linked("a", 1, "b", 2), () -> linked("a", 1), a -> ((Map<Object, Object>) a).remove("a")),
        new Case("TreeMap", () -> new TreeMap<>(Map.of(1, "x")), () -> new TreeMap<>(Map.of(2, "x")), a -> ((Map<Object, Object>) a).put(3, "y")),
        new Case("EnumMap", () -> new EnumMap<>(Map.of(Color.RED, 1)), () -> new EnumMap<>(Map.of(Color.RED, 2)), a -> ((Map<Color, Object>) a).put(Color.RED, 5)),
        new Case("Map of lists", () -> new HashMap<>(Map.of("k", new ArrayList<>(List.of(1)))), () -> new HashMap<>(Map.of("k", List.of(2))), a -> ((Map<String, List<Object>>) a).get("k").add(2)),
        new Case("ArrayDeque", () -> new ArrayDeque<>(List.of(1, 2)), () -> new ArrayDeque<>(List.of(2, 1)), a -> ((ArrayDeque<Object>) a).push(0)),
        new Case("Optional", () -> Optional.of(List.of(1)), () -> Optional.empty(), null),
        new Case("record", () -> new Point(1, 2), () -> new Point(2, 1), null),
        new Case("record holding int[]", () -> new Samples.Tagged("t", new int[] {1}), () -> new Samples.Tagged("t", new int[] {2}), a -> ((Samples.Tagged) a).values()[0] = 5),
        new Case("nested record with list", () -> new Samples.Line(new Point(0, 0), new Point(1, 1), new ArrayList<>(List.of("x"))), () -> new Samples.Line(new Point(0, 0), new Point(1, 2), List.of("x")), a -> ((Samples.Line) a).labels().add("y")),
        new Case("generic record", () -> new Samples.Pair<>("a", List.of(1)), () -> new Samples.Pair<>("a", List.of(2)), null),
        new Case("bean", () -> bean("n", 1), () -> bean("n", 2), a -> ((Bean) a).tags.add("t")),
        new Case("bean with inherited and final fields", () -> new Samples.Account(1, "a"), () -> new Samples.Account(2, "a"), a -> ((Bean) a).count++),
        new Case("cyclic graph", () -> Samples.cycle("a", "b"), () -> Samples.cycle("a", "c"), a -> ((Samples.Node) a).next.clear()),
        new Case("StringBuilder", () -> new StringBuilder("abc"), () -> new StringBuilder("abd"), a -> ((StringBuilder) a).append('!')),
        new Case("list of records", () -> new ArrayList<>(List.of(new Point(1, 1))), () -> List.of(new Point(1, 2)), a -> ((List<Object>) a).add(new Point(0, 0))));
  }

  /** Fills a primitive array with a fixed pattern: large enough to span several hash chunks. */
  private static <T> T large(T array) {
    for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
      set(array, i, i * 31 + 7);
    }
    return array;
  }

  private static <T> T changedLast(T array) {
    int last = java.lang.reflect.Array.getLength(array) - 1;
    if (array instanceof boolean[] flags) {
      flags[last] = !flags[last];
    } else {
      set(array, last, last * 31 + 8);
    }
    return array;
  }

  private static void set(Object array, int i, int v) {
    if (array instanceof boolean[] a) {
      a[i] = v % 3 == 0;
    } else if (array instanceof double[] a) {
      a[i] = v / 3.0;
    } else if (array instanceof byte[] a) {
      a[i] = (byte) v;
    } else if (array instanceof char[] a) {
      a[i] = (char) v;
    } else if (array instanceof short[] a) {
      a[i] = (short) v;
    } else {
      ((int[]) array)[i] = v;
    }
  }

  private static Map<String, Integer> linked(Object... keysAndValues) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
    }
    return map;
  }

  private static Bean bean(String name, int count) {
    Bean bean = new Bean(name, count);
    bean.tags.add("x");
    return bean;
  }

  /** The key as stored: borrowed arrays replaced by clones. */
  private static Object stored(Object argument) {
    return ContentKeys.stableOf(ContentKeys.snapshot(argument));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argumentTypes")
  void equalContent_givesEqualKeys(Case type) {
    Object first = stored(type.value().get());
    Object second = ContentKeys.snapshot(type.value().get());
    assertEquals(first, second);
    assertEquals(second, first);
    assertEquals(first.hashCode(), second.hashCode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argumentTypes")
  void differentContent_givesDifferentKeys(Case type) {
    assertNotEquals(stored(type.value().get()), ContentKeys.snapshot(type.different().get()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argumentTypes")
  void mutatingTheArgumentAfterwards_neverChangesTheStoredKey(Case type) {
    if (type.mutate() == null) {
      return; // immutable: nothing to mutate
    }
    Object argument = type.value().get();
    Object key = stored(argument);
    int hash = key.hashCode();
    type.mutate().accept(argument);
    assertEquals(stored(type.value().get()), key);
    assertEquals(hash, key.hashCode());
    assertNotEquals(stored(argument), key);
  }

  static Stream<Arguments> notTheSameKey() {
    return Stream.of(
        Arguments.of(1, 1L),
        Arguments.of(1, "1"),
        Arguments.of(List.of(1, 2), new int[] {1, 2}),
        Arguments.of(List.of(1, 2), new Integer[] {1, 2}),
        Arguments.of(List.of(1, 2), Set.of(1, 2)),
        Arguments.of(new int[] {1}, new long[] {1}),
        Arguments.of("abc", new StringBuilder("abc")),
        Arguments.of(0.0, -0.0),
        Arguments.of(Optional.empty(), List.of()),
        Arguments.of(new Point(1, 2), List.of(1, 2)));
  }

  @ParameterizedTest
  @MethodSource("notTheSameKey")
  void valuesOfDifferentTypes_neverCollide(Object a, Object b) {
    assertNotEquals(stored(a), stored(b));
  }

  @Test
  void null_isAKeyDistinctFromEveryValue() {
    assertEquals(stored(null), stored(null));
    assertNotEquals(stored(null), stored("null"));
    assertNotEquals(stored(null), stored(0));
    assertEquals(stored(Arrays.asList(1, null)), stored(Arrays.asList(1, null)));
  }

  @Test
  void nan_isEqualToItselfSoItCanBeCached() {
    assertEquals(stored(Double.NaN), stored(Double.NaN));
    assertEquals(stored(new double[] {Double.NaN}), stored(new double[] {Double.NaN}));
  }

  @Test
  void classes_areKeyedByIdentity_soASameNamedClassOfAnotherLoaderIsAnotherKey() throws Exception {
    java.net.URL classes = Point.class.getProtectionDomain().getCodeSource().getLocation();
    try (java.net.URLClassLoader reloading =
        new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
      Class<?> reloaded = reloading.loadClass(Point.class.getName());
      assertNotSame(Point.class, reloaded);
      assertEquals(reloaded.getName(), Point.class.getName());
      assertNotEquals(stored(Point.class), ContentKeys.snapshot(reloaded));
      assertNotEquals(stored(List.of(Point.class)), ContentKeys.snapshot(List.of(reloaded)));
      assertEquals(stored(reloaded), ContentKeys.snapshot(reloaded));
    }
    assertEquals(stored(List.of(Point.class)), ContentKeys.snapshot(List.of(Point.class)));
    assertNotEquals(stored(Point.class), stored(Point.class.getName()), "a name is not a class");
  }

  @Test
  void sharedSubobjects_giveTheSameKeyAsCopies() {
    List<String> shared = List.of("x");
    Object sharing = stored(new Samples.Pair<>(new ArrayList<>(shared), new ArrayList<>(shared)));
    List<String> one = new ArrayList<>(shared);
    Object reusing = stored(new Samples.Pair<>(one, one));
    assertEquals(sharing, reusing);
  }

  @Test
  void unhashableArgument_failsWithItsTypeAndPath() {
    UnhashableValueException direct =
        assertThrows(UnhashableValueException.class, () -> ContentKeys.snapshot(new Thread()));
    assertEquals(Thread.class, direct.type());
    assertEquals("", direct.path());

    UnhashableValueException nested =
        assertThrows(
            UnhashableValueException.class,
            () -> ContentKeys.snapshot(List.of("a", new Samples.HoldsThread())));
    assertEquals(Thread.class, nested.type());
    assertEquals("[1].thread", nested.path());

    Runnable lambda = () -> {};
    assertThrows(UnhashableValueException.class, () -> ContentKeys.snapshot(lambda));
    assertThrows(
        UnhashableValueException.class,
        () -> ContentKeys.snapshot(new ByteArrayInputStream(new byte[0])));
    assertThrows(UnhashableValueException.class, () -> ContentKeys.snapshot(new ReentrantLock()));
    assertThrows(
        UnhashableValueException.class, () -> ContentKeys.snapshot(List.of(1).iterator()));
  }

  /** Random graphs: equal content gives equal keys, any single change gives a different key. */
  @Test
  void randomGraphs_equalContentEqualKeys_changedContentDifferentKeys() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      long seed = random.nextLong();
      Object graph = randomValue(new Random(seed), 4);
      Object sameContent = randomValue(new Random(seed), 4);
      assertEquals(stored(graph), stored(sameContent), "seed " + seed);
      Object changed = randomValue(new Random(seed ^ 0x5DEECE66DL), 4);
      if (!Arrays.deepEquals(new Object[] {graph}, new Object[] {changed})) {
        assertNotEquals(stored(graph), stored(changed), "seed " + seed);
      }
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth == 0 ? 5 : 9);
    switch (kind) {
      case 0:
        return random.nextInt(5);
      case 1:
        return "s" + random.nextInt(5);
      case 2:
        return random.nextBoolean() ? null : Color.values()[random.nextInt(3)];
      case 3:
        return new int[] {random.nextInt(3), random.nextInt(3)};
      case 4:
        return new Point(random.nextInt(3), random.nextInt(3));
      case 5:
        {
          List<Object> list = new ArrayList<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            list.add(randomValue(random, depth - 1));
          }
          return list;
        }
      case 6:
        {
          Map<String, Object> map = new HashMap<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            map.put("k" + random.nextInt(6), randomValue(random, depth - 1));
          }
          return map;
        }
      case 7:
        return new Samples.Pair<>(randomValue(random, depth - 1), randomValue(random, depth - 1));
      default:
        return new Object[] {randomValue(random, depth - 1)};
    }
  }
}
