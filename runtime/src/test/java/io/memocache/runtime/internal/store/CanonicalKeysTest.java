package io.memocache.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.Samples;
import io.memocache.runtime.internal.Samples.Color;
import io.memocache.runtime.internal.Samples.Point;
import io.memocache.runtime.internal.keys.ContentKeys;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC section 9, stable keys: the content of key arguments, canonical across JVMs. */
public class CanonicalKeysTest {
  @TempDir Path temp;

  private static byte[] encode(Object... arguments) {
    return CanonicalKeys.encode(arguments);
  }

  private static void assertSameKey(Object a, Object b) {
    assertArrayEquals(encode(a), encode(b), () -> a + " and " + b + " must encode alike");
  }

  private static void assertDifferentKeys(Object a, Object b) {
    assertFalse(
        Arrays.equals(encode(a), encode(b)), () -> a + " and " + b + " must encode differently");
  }

  @Test
  void mapsOfEqualContent_encodeAlike_whateverTheirClassOrOrder() {
    Map<String, Integer> hash = new HashMap<>();
    Map<String, Integer> linked = new LinkedHashMap<>();
    Map<String, Integer> tree = new TreeMap<>();
    for (int i = 0; i < 50; i++) {
      hash.put("k" + i, i);
      linked.put("k" + (49 - i), 49 - i);
      tree.put("k" + i, i);
    }
    assertSameKey(hash, linked);
    assertSameKey(hash, tree);
    assertSameKey(hash, Map.copyOf(hash));
    assertSameKey(hash, Collections.unmodifiableMap(linked));
    tree.put("k0", -1);
    assertDifferentKeys(hash, tree);
  }

  @Test
  void setsOfEqualContent_encodeAlike_whateverTheirClassOrOrder() {
    Set<Object> hash = new HashSet<>();
    Set<Object> linked = new LinkedHashSet<>();
    Set<Object> tree = new TreeSet<>();
    for (int i = 0; i < 50; i++) {
      hash.add("e" + i);
      linked.add("e" + (49 - i));
      tree.add("e" + i);
    }
    assertSameKey(hash, linked);
    assertSameKey(hash, tree);
    assertSameKey(hash, Set.copyOf(tree));
    assertSameKey(Set.of(List.of(1, 2), List.of(3)), Set.of(List.of(3), List.of(1, 2)));
  }

  @Test
  void listsOfEqualContent_encodeAlike_whateverTheirClass() {
    List<String> array = new ArrayList<>(List.of("a", "b", "c"));
    assertSameKey(array, new LinkedList<>(array));
    assertSameKey(array, List.of("a", "b", "c"));
    assertSameKey(array, Arrays.asList("a", "b", "c"));
    assertSameKey(array, Collections.unmodifiableList(array));
    assertDifferentKeys(array, List.of("c", "b", "a"));
  }

  @Test
  void adjacentValues_neverRunTogether() {
    assertDifferentKeys(List.of("ab", "c"), List.of("a", "bc"));
    assertFalse(Arrays.equals(encode("ab", "c"), encode("a", "bc")));
    assertFalse(Arrays.equals(encode(List.of(1, 2)), encode(1, 2)));
    assertDifferentKeys(List.of(List.of("a"), "b"), List.of("a", List.of("b")));
    assertDifferentKeys(List.of(List.of("a", "b")), List.of("a", "b"));
    assertDifferentKeys(List.of(List.of()), List.of());
    assertDifferentKeys(Map.of("a", "bc"), Map.of("ab", "c"));
    assertDifferentKeys(Map.of("a", List.of("b", "c")), Map.of("a", List.of("b"), "c", List.of()));
  }

  @Test
  void nullIsItsOwnValue() {
    assertDifferentKeys(null, "null");
    assertDifferentKeys(null, "");
    assertDifferentKeys(null, List.of());
    assertDifferentKeys(null, Optional.empty());
    assertDifferentKeys(Arrays.asList((Object) null), List.of());
    assertSameKey(Arrays.asList("a", null), new ArrayList<>(Arrays.asList("a", null)));
  }

  @Test
  void numbersOfDifferentTypes_areDifferentKeys_asInProcess() {
    List<Object> ones =
        List.of(1, 1L, 1.0, 1.0f, (short) 1, (byte) 1, '1', "1", BigInteger.ONE, BigDecimal.ONE);
    for (Object a : ones) {
      for (Object b : ones) {
        if (a != b) {
          assertDifferentKeys(a, b);
        }
      }
    }
    assertDifferentKeys(new BigDecimal("1.0"), new BigDecimal("1.00"));
    assertDifferentKeys(0.0, -0.0);
    assertSameKey(Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L));
    assertSameKey(new BigDecimal("12.50"), new BigDecimal("1250").movePointLeft(2));
  }

  @Test
  void stringsAndOtherCharSequences_areDifferentKeys_asInProcess() {
    assertDifferentKeys("ab", new StringBuilder("ab"));
    assertSameKey(new StringBuilder("ab"), new StringBuffer("ab"));
    assertDifferentKeys("\uD800", "?");
    assertDifferentKeys("\uD800", "\uFFFD");
    assertSameKey("\uD83D\uDE00", new String("\uD83D\uDE00"));
  }

  @Test
  void arraysKeepTheirClass_listsSetsAndArraysDiffer() {
    assertSameKey(new int[] {1, 2}, new int[] {1, 2});
    assertDifferentKeys(new int[] {1, 2}, new long[] {1, 2});
    assertDifferentKeys(new String[] {"a"}, new Object[] {"a"});
    assertSameKey(new String[] {"a"}, new String[] {"a"});
    assertDifferentKeys(new Object[] {"a"}, List.of("a"));
    assertDifferentKeys(List.of("a"), Set.of("a"));
    assertDifferentKeys(new byte[] {1, 2, 3}, new byte[] {1, 2});
    assertDifferentKeys(new double[] {0.0}, new double[] {-0.0});
  }

  @Test
  void jdkValues_encodeByTheirValue() {
    UUID id = UUID.randomUUID();
    assertSameKey(id, UUID.fromString(id.toString()));
    assertSameKey(LocalDate.of(2024, 2, 29), LocalDate.parse("2024-02-29"));
    assertDifferentKeys(LocalTime.of(10, 15), LocalTime.of(10, 15, 0, 1));
    assertSameKey(Duration.ofMinutes(90), Duration.parse("PT1H30M"));
    ZonedDateTime instant = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Paris"));
    assertDifferentKeys(instant, instant.withZoneSameInstant(ZoneId.of("UTC")));
    assertSameKey(Optional.of("x"), Optional.of(new String("x")));
    assertDifferentKeys(Optional.of("x"), List.of("x"));
    assertSameKey(Map.entry("a", 1), new java.util.AbstractMap.SimpleEntry<>("a", 1));
    assertSameKey(Path.of("a", "b"), Path.of("a/b"));
    assertDifferentKeys(Path.of("a/b"), "a/b");
    assertSameKey(new java.io.File("a/b"), new java.io.File("a", "b"));
    assertSameKey(java.util.Currency.getInstance("EUR"), java.util.Currency.getInstance("EUR"));
  }

  @Test
  void classesAreKeyedByName_enumsByName() {
    assertSameKey(String.class, String.class);
    assertDifferentKeys(String.class, "java.lang.String");
    assertDifferentKeys(int.class, Integer.class);
    assertSameKey(Color.BLUE, Color.BLUE);
    assertDifferentKeys(Color.RED, Color.GREEN);
    assertDifferentKeys(Color.RED, "RED");
  }

  @Test
  void enumConstants_encodeByName_evenWhenTheEnumIsReordered() throws Exception {
    String before = "package p; public enum Level { LOW, MEDIUM, HIGH }";
    String after = "package p; public enum Level { HIGH, LOW, MEDIUM }";
    Class<?> first = TestCompiler.loader(TestCompiler.compile(temp, Map.of("p.Level", before)))
        .loadClass("p.Level");
    Class<?> second = TestCompiler.loader(TestCompiler.compile(temp, Map.of("p.Level", after)))
        .loadClass("p.Level");
    Object lowBefore = Enum.valueOf(first.asSubclass(Enum.class), "LOW");
    Object lowAfter = Enum.valueOf(second.asSubclass(Enum.class), "LOW");
    assertTrue(((Enum<?>) lowBefore).ordinal() != ((Enum<?>) lowAfter).ordinal());
    assertArrayEquals(encode(lowBefore, List.of(lowBefore)), encode(lowAfter, List.of(lowAfter)));
    assertFalse(
        Arrays.equals(encode(lowBefore), encode(Enum.valueOf(second.asSubclass(Enum.class), "HIGH"))));
  }

  @Test
  void recordsAndUserObjects_encodeByClassAndFields() {
    assertSameKey(new Point(1, 2), new Point(1, 2));
    assertDifferentKeys(new Point(1, 2), new Point(2, 1));
    assertDifferentKeys(new Point(1, 2), List.of(1, 2));
    Samples.Account a = new Samples.Account(7, "acct");
    Samples.Account b = new Samples.Account(7, "acct");
    b.cache = 99; // transient: not content
    assertSameKey(a, b);
    b.count = 1; // inherited field: content
    assertDifferentKeys(a, b);
    Samples.Bean bean = new Samples.Bean("acct", 0);
    assertDifferentKeys(a, bean);
  }

  @Test
  void cycles_encodeAsBackReferences_andSharingNeverChangesTheKey() {
    assertSameKey(Samples.cycle("a", "b"), Samples.cycle("a", "b"));
    assertDifferentKeys(Samples.cycle("a", "b"), Samples.cycle("a", "c"));
    List<Object> selfContaining = new ArrayList<>();
    selfContaining.add("x");
    selfContaining.add(selfContaining);
    List<Object> other = new ArrayList<>();
    other.add("x");
    other.add(other);
    assertSameKey(selfContaining, other);
    Point shared = new Point(1, 1);
    assertSameKey(List.of(shared, shared), List.of(new Point(1, 1), new Point(1, 1)));
  }

  @Test
  void equalityAgreesWithInProcessKeys() {
    List<Object> values =
        List.of(
            1, 1L, 1.0, "1", new StringBuilder("1"), List.of(1), Set.of(1), new Object[] {1},
            new Integer[] {1}, new int[] {1}, new long[] {1}, Optional.of(1), Optional.empty(),
            Map.of(1, 1), new Point(1, 1), new Point(1, 2), Color.RED, Color.BLUE, String.class,
            new BigDecimal("1.0"), new BigDecimal("1.00"), new ArrayList<>(List.of(1)),
            new LinkedList<>(List.of(1)), new HashSet<>(Set.of(1)), new TreeMap<>(Map.of(1, 1)));
    for (Object a : values) {
      for (Object b : values) {
        boolean inProcess = ContentKeys.snapshot(a).equals(ContentKeys.snapshot(b));
        boolean stored = Arrays.equals(encode(a), encode(b));
        assertEquals(inProcess, stored, () -> a + " vs " + b);
      }
    }
  }

  @Test
  void valuesWithoutContent_areRefused_withTheirPlace() {
    UnstorableKeyException thread =
        assertThrows(
            UnstorableKeyException.class,
            () -> encode("id", List.of("a", new Samples.HoldsThread())));
    assertEquals(Thread.class, thread.type());
    assertEquals("[1][1].thread", thread.path());
    Supplier<String> lambda = () -> "x";
    assertThrows(UnstorableKeyException.class, () -> encode(lambda));
    UnstorableKeyException atomic =
        assertThrows(UnstorableKeyException.class, () -> encode(Map.of("n", new AtomicInteger())));
    assertEquals(AtomicInteger.class, atomic.type());
    assertEquals("[0]{value}", atomic.path());
  }

  /** A singly linked node with no recursion limit of its own. */
  static final class Link {
    final int value;
    Link next;

    Link(int value) {
      this.value = value;
    }
  }

  @Test
  @Timeout(60)
  void deepValues_encodeOnAnOrdinaryThreadStack() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                Object nested = "leaf";
                for (int i = 0; i < 20_000; i++) {
                  nested = List.of(nested);
                }
                Link head = new Link(0);
                Link tail = head;
                for (int i = 1; i < 100_000; i++) {
                  tail.next = new Link(i);
                  tail = tail.next;
                }
                byte[] deep = encode(nested);
                byte[] deepAgain = encode(nested);
                assertArrayEquals(deep, deepAgain);
                byte[] linked = encode(head);
                tail.next = new Link(-1);
                assertFalse(Arrays.equals(linked, encode(head)));
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    worker.start();
    worker.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  /**
   * The sample of {@link #encodingIsTheSameInAnotherJvm}: a set hashed by identity, a set filled
   * in the order given, a map keyed by identity, a cycle, values of each family.
   */
  static Object[] crossJvmSample(boolean reversed) {
    Set<Object> byIdentity = new HashSet<>();
    Set<Object> ordered = new LinkedHashSet<>();
    for (int i = 0; i < 20; i++) {
      int n = reversed ? 19 - i : i;
      byIdentity.add(new Samples.Node("n" + n));
      ordered.add(List.of(n, "e" + n));
    }
    Map<Object, Object> nested = new HashMap<>();
    nested.put(new Samples.Node("key"), Set.of(Color.BLUE, Color.RED));
    return new Object[] {
      byIdentity, ordered, nested, Samples.cycle("a", "b"), new Point(3, 4), 2.5, "text", new int[] {1, 2},
      LocalDate.of(2024, 1, 1), String.class
    };
  }

  /** Prints the hex of the sample's encoding (built in reverse order), for the parent JVM. */
  public static void main(String[] args) {
    System.out.println(HexFormat.of().formatHex(CanonicalKeys.encode(crossJvmSample(true))));
  }

  @Test
  @Timeout(120)
  void encodingIsTheSameInAnotherJvm() throws Exception {
    String here = HexFormat.of().formatHex(CanonicalKeys.encode(crossJvmSample(false)));
    String there = ChildJvm.run(CanonicalKeysTest.class).stdout().strip();
    assertEquals(here, there);
  }
}
