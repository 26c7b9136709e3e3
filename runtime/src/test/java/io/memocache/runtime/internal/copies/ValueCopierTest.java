package io.memocache.runtime.internal.copies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.Samples;
import io.memocache.runtime.internal.Samples.Bean;
import io.memocache.runtime.internal.Samples.Color;
import io.memocache.runtime.internal.Samples.Point;
import io.memocache.runtime.internal.classfile.FieldCopyClasses;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 5: @Memo results by value, for every kind of result a service returns. Public for
 * its catalogue of result types, which the store's tests round-trip too.
 */
public class ValueCopierTest {
  /**
   * One result type: {@code value} makes a fresh result each call; {@code mutate} changes one in
   * place, or fails because it is unmodifiable (null when the type is immutable and shared).
   */
  public record Case(String name, Supplier<Object> value, Consumer<Object> mutate) {
    @Override
    public String toString() {
      return name;
    }
  }

  @SuppressWarnings("unchecked")
  public static Stream<Case> resultTypes() {
    return Stream.of(
        new Case("String", () -> new String("text"), null),
        new Case("Integer", () -> 1234567, null),
        new Case("BigDecimal", () -> new BigDecimal("1.25"), null),
        new Case("BigInteger", () -> BigInteger.TWO.pow(100), null),
        new Case("UUID", () -> new UUID(3, 4), null),
        new Case("enum", () -> Color.GREEN, null),
        new Case("LocalDate", () -> LocalDate.of(2020, 1, 1), null),
        new Case("LocalDateTime", () -> LocalDateTime.of(2020, 1, 1, 1, 1), null),
        new Case("ZonedDateTime", () -> ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, java.time.ZoneId.of("UTC")), null),
        new Case("Duration", () -> Duration.ofSeconds(90), null),
        new Case("immutable record", () -> new Point(1, 2), null),
        new Case("int[]", () -> new int[] {1, 2}, v -> ((int[]) v)[0] = 9),
        new Case("double[]", () -> new double[] {1.5}, v -> ((double[]) v)[0] = 9),
        new Case("byte[]", () -> new byte[] {1}, v -> ((byte[]) v)[0] = 9),
        new Case("int[][]", () -> new int[][] {{1}, {2}}, v -> ((int[][]) v)[0][0] = 9),
        new Case("String[]", () -> new String[] {"a"}, v -> ((String[]) v)[0] = "z"),
        new Case("Point[]", () -> new Point[] {new Point(1, 1)}, v -> ((Point[]) v)[0] = null),
        new Case("ArrayList", () -> new ArrayList<>(List.of("a", "b")), v -> ((List<Object>) v).add("c")),
        new Case("LinkedList", () -> new LinkedList<>(List.of(1)), v -> ((List<Object>) v).add(2)),
        new Case("ArrayList of beans", () -> new ArrayList<>(List.of(bean("b", 1))), v -> ((List<Bean>) v).get(0).count++),
        new Case("ArrayList of int[]", () -> new ArrayList<>(List.of(new int[] {1})), v -> ((List<int[]>) v).get(0)[0] = 9),
        new Case("List.of", () -> List.of(1, 2), v -> ((List<Object>) v).add(3)),
        new Case("List.of holding a mutable list", () -> List.of(new ArrayList<>(List.of(1))), v -> ((List<List<Object>>) v).get(0).add(2)),
        new Case("List.copyOf", () -> List.copyOf(new ArrayList<>(List.of("x"))), v -> ((List<Object>) v).clear()),
        new Case("Stream.toList", () -> Stream.of(1, 2).toList(), v -> ((List<Object>) v).clear()),
        new Case("Set.of", () -> Set.of("a"), v -> ((Set<Object>) v).add("b")),
        new Case("Map.of", () -> Map.of("a", 1), v -> ((Map<Object, Object>) v).put("b", 2)),
        new Case("Map.of holding beans", () -> Map.of("b", bean("x", 0)), v -> ((Map<String, Bean>) v).get("b").count++),
        new Case("unmodifiableList", () -> Collections.unmodifiableList(new ArrayList<>(List.of(1))), v -> ((List<Object>) v).add(2)),
        new Case("unmodifiableList of beans", () -> Collections.unmodifiableList(new ArrayList<>(List.of(bean("u", 1)))), v -> ((List<Bean>) v).get(0).count++),
        new Case("unmodifiableSet", () -> Collections.unmodifiableSet(new HashSet<>(Set.of(1))), v -> ((Set<Object>) v).add(2)),
        new Case("unmodifiableMap", () -> Collections.unmodifiableMap(new HashMap<>(Map.of(1, 2))), v -> ((Map<Object, Object>) v).put(3, 4)),
        new Case("unmodifiableSortedMap", () -> Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(1, 2))), v -> ((Map<Object, Object>) v).put(3, 4)),
        new Case("synchronizedList", () -> Collections.synchronizedList(new ArrayList<>(List.of(1))), v -> ((List<Object>) v).add(2)),
        new Case("emptyList", Collections::emptyList, v -> ((List<Object>) v).add(1)),
        new Case("singletonList", () -> Collections.singletonList(new ArrayList<>(List.of(1))), v -> ((List<List<Object>>) v).get(0).add(2)),
        new Case("Arrays.asList", () -> Arrays.asList("a", "b"), v -> ((List<Object>) v).set(0, "z")),
        new Case("subList view", () -> new ArrayList<>(List.of(1, 2, 3)).subList(0, 2), v -> ((List<Object>) v).set(0, 9)),
        new Case("HashSet", () -> new HashSet<>(Set.of(1, 2)), v -> ((Set<Object>) v).add(3)),
        new Case("LinkedHashSet", () -> new LinkedHashSet<>(List.of(2, 1)), v -> ((Set<Object>) v).remove(2)),
        new Case("TreeSet with comparator", ValueCopierTest::reversedSet, v -> ((Set<Object>) v).add(3)),
        new Case("EnumSet", () -> EnumSet.of(Color.RED), v -> ((Set<Color>) v).add(Color.GREEN)),
        new Case("HashMap", () -> new HashMap<>(Map.of("a", 1)), v -> ((Map<Object, Object>) v).put("b", 2)),
        new Case("LinkedHashMap of double[]", () -> new LinkedHashMap<>(Map.of("c", new double[] {1})), v -> ((Map<String, double[]>) v).get("c")[0] = 9),
        new Case("TreeMap", () -> new TreeMap<>(Map.of("a", new ArrayList<>(List.of(1)))), v -> ((SortedMap<String, List<Object>>) v).get("a").add(2)),
        new Case("EnumMap", () -> new EnumMap<>(Map.of(Color.RED, 1)), v -> ((Map<Color, Object>) v).put(Color.GREEN, 2)),
        new Case("ConcurrentHashMap", () -> new ConcurrentHashMap<>(Map.of("a", 1)), v -> ((Map<Object, Object>) v).put("b", 2)),
        new Case("ArrayDeque", () -> new ArrayDeque<>(List.of(1)), v -> ((ArrayDeque<Object>) v).push(0)),
        new Case("Optional of a mutable list", () -> Optional.of(new ArrayList<>(List.of(1))), v -> ((Optional<List<Object>>) v).get().add(2)),
        new Case("record holding int[]", () -> new Samples.Tagged("t", new int[] {1}), v -> ((Samples.Tagged) v).values()[0] = 9),
        new Case("record holding a mutable list", () -> new Samples.Line(new Point(0, 0), new Point(1, 1), new ArrayList<>(List.of("a"))), v -> ((Samples.Line) v).labels().add("b")),
        new Case("generic record", () -> new Samples.Pair<>("k", new ArrayList<>(List.of(1))), v -> ((Samples.Pair<String, List<Object>>) v).second().add(2)),
        new Case("bean", () -> bean("b", 1), v -> ((Bean) v).tags.add("more")),
        new Case("bean with final fields and no no-arg constructor", () -> new Samples.Account(7, "acct"), v -> ((Bean) v).name = "changed"),
        new Case("java.util.Date", () -> new Date(1000), v -> ((Date) v).setTime(5)),
        new Case("StringBuilder", () -> new StringBuilder("ab"), v -> ((StringBuilder) v).append("c")));
  }

  private static TreeSet<Integer> reversedSet() {
    TreeSet<Integer> set = new TreeSet<>(Collections.reverseOrder());
    set.addAll(List.of(1, 2));
    return set;
  }

  private static Bean bean(String name, int count) {
    Bean bean = new Bean(name, count);
    bean.tags.add("x");
    return bean;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultTypes")
  void copy_hasEqualContentAndTheSameType(Case type) {
    Object original = type.value().get();
    Object copy = ValueCopier.copy(original);
    assertEquals(describe(original), describe(copy));
    assertEquals(expectedClass(original), copy.getClass());
    Object hit = copyOfStored(original);
    assertEquals(describe(original), describe(hit), "a hit's copy of the stored value");
    assertEquals(expectedClass(original), hit.getClass());
  }

  /** What a cache hit returns: a copy of the stored form of the value. */
  private static Object copyOfStored(Object original) {
    return ValueCopier.copy(ValueCopier.storedCopy(original, false), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultTypes")
  void mutatingTheCopy_neverReachesTheOriginal_andViceVersa(Case type) {
    if (type.mutate() == null) {
      Object original = type.value().get();
      assertSame(original, ValueCopier.copy(original), "immutable values are shared, not copied");
      return;
    }
    Object original = type.value().get();
    String before = describe(original);
    Object copy = ValueCopier.copy(original);
    tryMutate(type, copy);
    assertEquals(before, describe(original), "the copy's mutation reached the original");
    Object secondCopy = ValueCopier.copy(original);
    Object stored = ValueCopier.storedCopy(original, false);
    Object hit = ValueCopier.copy(stored, false);
    tryMutate(type, hit);
    assertEquals(before, describe(ValueCopier.copy(stored, false)), "a hit reached the stored value");
    tryMutate(type, original);
    assertEquals(before, describe(secondCopy), "the original's mutation reached the copy");
    assertEquals(before, describe(ValueCopier.copy(stored, false)), "the original reached the store");
  }

  private static void tryMutate(Case type, Object value) {
    try {
      type.mutate().accept(value);
    } catch (UnsupportedOperationException e) {
      // Unmodifiable: the copy keeps being unmodifiable, which is just as isolating.
    }
  }

  @Test
  void unmodifiableCollections_stayUnmodifiable() {
    Object[] unmodifiable = {
      List.of(1), Set.of(1), Map.of(1, 1), Collections.unmodifiableList(new ArrayList<>(List.of(1))),
      Collections.unmodifiableMap(new HashMap<>(Map.of(1, 1))), Stream.of(1).toList()
    };
    for (Object value : unmodifiable) {
      Object copy = ValueCopier.copy(value);
      if (copy instanceof List<?> list) {
        assertThrows(UnsupportedOperationException.class, () -> list.clear(), value.toString());
      } else if (copy instanceof Set<?> set) {
        assertThrows(UnsupportedOperationException.class, () -> set.clear(), value.toString());
      } else {
        assertThrows(
            UnsupportedOperationException.class, () -> ((Map<?, ?>) copy).clear(), value.toString());
      }
    }
  }

  @Test
  void cyclicGraph_isCopiedWithItsCycle() {
    Samples.Node a = Samples.cycle("a", "b");
    Samples.Node copy = (Samples.Node) ValueCopier.copy(a);
    assertNotSame(a, copy);
    assertEquals("b", copy.next.get(0).name);
    assertSame(copy, copy.next.get(0).next.get(0), "the cycle closes on the copy");
  }

  @Test
  void sharedReferences_stayShared() {
    int[] shared = {1, 2};
    Map<String, int[]> table = new LinkedHashMap<>();
    table.put("a", shared);
    table.put("b", shared);
    @SuppressWarnings("unchecked")
    Map<String, int[]> copy = (Map<String, int[]>) ValueCopier.copy(table);
    assertNotSame(shared, copy.get("a"));
    assertSame(copy.get("a"), copy.get("b"));
  }

  @Test
  void hitsOnAStoredGraph_keepItsSharingAndCycles() {
    Bean shared = new Bean("shared", 1);
    List<Bean> twice = new ArrayList<>(List.of(shared, shared, new Bean("other", 2)));
    @SuppressWarnings("unchecked")
    List<Bean> copy = (List<Bean>) copyOfStored(twice);
    assertNotSame(shared, copy.get(0));
    assertSame(copy.get(0), copy.get(1), "one bean reached twice stays one bean");
    assertNotSame(copy.get(0), copy.get(2));

    Samples.Node cycle = Samples.cycle("a", "b");
    Samples.Node hit = (Samples.Node) copyOfStored(cycle);
    assertSame(hit, hit.next.get(0).next.get(0), "the cycle closes on the copy");
  }

  /** Every kind of field a user class can have. */
  static class AllFields {
    private final int i;
    private long l = 2;
    double d = 3.5;
    float f = 4.5f;
    boolean z = true;
    byte b = 6;
    short s = 7;
    char c = 'c';
    String text = "text";
    Color color = Color.BLUE;
    Number boxed = 9L;
    int[] array = {1, 2};
    transient List<String> names = new ArrayList<>(List.of("n"));

    AllFields(int i) {
      this.i = i;
    }

    String describe() {
      return i + " " + l + " " + d + " " + f + " " + z + " " + b + " " + s + " " + c + " " + text
          + " " + color + " " + boxed + " " + Arrays.toString(array) + " " + names;
    }
  }

  @Test
  void userObjects_copyEveryFieldKind() {
    AllFields original = new AllFields(1);
    AllFields copy = (AllFields) copyOfStored(original);
    assertNotSame(original, copy);
    assertEquals(original.describe(), copy.describe());
    assertSame(original.text, copy.text, "immutable fields are shared");
    assertNotSame(original.array, copy.array);
    assertNotSame(original.names, copy.names, "transient fields are copied too");
    assertTrue(FieldCopier.forClass(AllFields.class).compiled(), "copied by compiled code");
  }

  static final class PrivatelyConstructed {
    static final java.util.concurrent.atomic.AtomicInteger CONSTRUCTED =
        new java.util.concurrent.atomic.AtomicInteger();
    String name;
    int[] values;

    private PrivatelyConstructed() {
      CONSTRUCTED.incrementAndGet();
    }

    static PrivatelyConstructed of(String name, int... values) {
      PrivatelyConstructed made = new PrivatelyConstructed();
      made.name = name;
      made.values = values;
      return made;
    }
  }

  @Test
  void userObjects_withANoArgConstructor_areCreatedThroughIt_evenAPrivateOne() {
    PrivatelyConstructed original = PrivatelyConstructed.of("p", 1, 2);
    Object stored = ValueCopier.storedCopy(original, false);
    int before = PrivatelyConstructed.CONSTRUCTED.get();
    PrivatelyConstructed copy = (PrivatelyConstructed) ValueCopier.copy(stored, false);
    assertEquals(before + 1, PrivatelyConstructed.CONSTRUCTED.get(), "as Kryo would: one call");
    assertEquals("p", copy.name);
    assertArrayEquals(new int[] {1, 2}, copy.values);
    assertNotSame(original.values, copy.values);
    assertEquals(
        FieldCopyClasses.Instantiation.CONSTRUCTOR,
        FieldCopier.forClass(PrivatelyConstructed.class).instantiation());
  }

  static final class ConstructedOnlyWithArguments {
    static final java.util.concurrent.atomic.AtomicInteger CONSTRUCTED =
        new java.util.concurrent.atomic.AtomicInteger();
    final String name;
    List<String> tags = new ArrayList<>();

    ConstructedOnlyWithArguments(String name) {
      CONSTRUCTED.incrementAndGet();
      this.name = name;
    }
  }

  @Test
  void userObjects_withoutANoArgConstructor_areCopiedWithoutRunningAConstructor() {
    assertTrue(
        ConstructorlessInstantiation.allocatesDirectly(),
        "the JVM's plain allocation is available without --add-opens");
    ConstructedOnlyWithArguments original = new ConstructedOnlyWithArguments("n");
    original.tags.add("t");
    Object stored = ValueCopier.storedCopy(original, false);
    int before = ConstructedOnlyWithArguments.CONSTRUCTED.get();
    ConstructedOnlyWithArguments copy = (ConstructedOnlyWithArguments) ValueCopier.copy(stored, false);
    assertEquals(before, ConstructedOnlyWithArguments.CONSTRUCTED.get(), "no constructor ran");
    assertEquals("n", copy.name);
    assertEquals(List.of("t"), copy.tags);
    assertNotSame(original.tags, copy.tags);
    assertEquals(
        FieldCopyClasses.Instantiation.ALLOCATION,
        FieldCopier.forClass(ConstructedOnlyWithArguments.class).instantiation(),
        "allocated by the compiled copier, with the class as a constant");
  }

  static final class ConstructorThrowsChecked {
    String name;

    ConstructorThrowsChecked() throws java.io.IOException {}
  }

  @Test
  void userObjects_whoseNoArgConstructorDeclaresCheckedExceptions_areCreatedByKryo()
      throws Exception {
    ConstructorThrowsChecked original = new ConstructorThrowsChecked();
    original.name = "c";
    assertEquals("c", ((ConstructorThrowsChecked) copyOfStored(original)).name);
    FieldCopier copier = FieldCopier.forClass(ConstructorThrowsChecked.class);
    assertEquals(FieldCopyClasses.Instantiation.NONE, copier.instantiation());
    assertTrue(copier.compiled(), "its fields are still copied by compiled code");
  }

  abstract static class Shape {
    double area;
  }

  static final class Square extends Shape {
    double side;

    Square(double side) {
      this.side = side;
      this.area = side * side;
    }
  }

  @Test
  void userObjects_withoutANoArgConstructor_keepInheritedFieldsWhenAllocated() {
    Square copy = (Square) copyOfStored(new Square(3));
    assertEquals(3, copy.side);
    assertEquals(9, copy.area, "the superclass's field is copied reflectively");
    assertEquals(
        FieldCopyClasses.Instantiation.ALLOCATION,
        FieldCopier.forClass(Square.class).instantiation());
  }

  static final class CopiesItself implements com.esotericsoftware.kryo.KryoCopyable<CopiesItself> {
    final String label;

    CopiesItself(String label) {
      this.label = label;
    }

    @Override
    public CopiesItself copy(com.esotericsoftware.kryo.Kryo kryo) {
      return new CopiesItself(label + " (own copy)");
    }
  }

  @Test
  void kryoCopyableClasses_copyThemselves_inTreesAndSharedGraphs() {
    CopiesItself original = new CopiesItself("x");
    List<CopiesItself> tree = new ArrayList<>(List.of(original));
    List<CopiesItself> shared = new ArrayList<>(List.of(original, original));
    @SuppressWarnings("unchecked")
    List<CopiesItself> treeCopy =
        (List<CopiesItself>) ValueCopier.copy(ValueCopier.storedCopy(tree, false), false);
    @SuppressWarnings("unchecked")
    List<CopiesItself> sharedCopy =
        (List<CopiesItself>) ValueCopier.copy(ValueCopier.storedCopy(shared, false), false);
    assertEquals("x (own copy) (own copy)", treeCopy.get(0).label, "stored, then handed out");
    assertEquals("x (own copy) (own copy)", sharedCopy.get(1).label);
  }

  @Test
  void inheritedAndFinalFields_areCopiedBesideTheCompiledOnes() {
    Samples.Account original = new Samples.Account(42, "acct");
    original.tags.add("t");
    original.count = 3;
    Samples.Account copy = (Samples.Account) copyOfStored(original);
    assertEquals(original, copy);
    assertEquals(42, copy.id);
    assertNotSame(original.tags, copy.tags);
    assertEquals(3, copy.count);
  }

  @Test
  void hitsOnAStoredTree_areDeepIndependentCopies() {
    List<Bean> beans = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      beans.add(new Bean("bean" + i, i));
    }
    Object stored = ValueCopier.storedCopy(beans, false);
    assertTrue(
        stored instanceof ValueCopier.StoredGraph graph && graph.tree() && !graph.deep(),
        "a list of distinct beans is a tree: hits copy it without tracking");
    @SuppressWarnings("unchecked")
    List<Bean> first = (List<Bean>) ValueCopier.copy(stored, false);
    @SuppressWarnings("unchecked")
    List<Bean> second = (List<Bean>) ValueCopier.copy(stored, false);
    for (int i = 0; i < 100; i++) {
      assertNotSame(first.get(i), second.get(i));
      assertNotSame(first.get(i).tags, second.get(i).tags);
      assertEquals(i, second.get(i).count);
    }
    first.get(5).tags.add("changed");
    first.get(5).count = -1;
    @SuppressWarnings("unchecked")
    List<Bean> third = (List<Bean>) ValueCopier.copy(stored, false);
    assertEquals(5, third.get(5).count);
    assertEquals(second.get(5).tags, third.get(5).tags);
  }

  @Test
  void processHandles_cannotBeCopied() {
    UncopyableValueException thread =
        assertThrows(UncopyableValueException.class, () -> ValueCopier.copy(new Thread()));
    assertEquals(Thread.class, thread.type());
    Runnable lambda = () -> {};
    assertThrows(UncopyableValueException.class, () -> ValueCopier.copy(lambda));
    assertThrows(
        UncopyableValueException.class,
        () -> ValueCopier.copy(new ByteArrayInputStream(new byte[1])));
    UncopyableValueException nested =
        assertThrows(
            UncopyableValueException.class,
            () -> ValueCopier.copy(new ArrayList<>(List.of(new Samples.HoldsThread()))));
    assertTrue(nested.type() == Thread.class || Thread.class.isAssignableFrom(nested.type()));
    assertThrows(UncopyableValueException.class, () -> ValueCopier.copy(new Socket()));
  }

  @Test
  void immutableElementsHint_copiesTheContainerOnly() {
    List<Point> rows = new ArrayList<>(List.of(new Point(1, 2)));
    @SuppressWarnings("unchecked")
    List<Point> copy = (List<Point>) ValueCopier.copy(rows, true);
    assertNotSame(rows, copy);
    assertSame(rows.get(0), copy.get(0));
    assertEquals(ArrayList.class, copy.getClass());
  }

  /** The class a copy has: a subList view becomes a plain ArrayList (documented). */
  private static Class<?> expectedClass(Object original) {
    return original.getClass().getName().equals("java.util.ArrayList$SubList")
        ? ArrayList.class
        : original.getClass();
  }

  /** A content description that looks into arrays, beans and graphs. */
  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Object[] array) {
      return Arrays.stream(array).map(ValueCopierTest::describe).collect(Collectors.joining(",", "[", "]"));
    }
    if (value.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {value});
    }
    if (value instanceof Map<?, ?> map) {
      return new TreeMap<>(
              map.entrySet().stream()
                  .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), e -> describe(e.getValue()))))
          .toString();
    }
    if (value instanceof Iterable<?> iterable) {
      StringBuilder text = new StringBuilder("(");
      iterable.forEach(element -> text.append(describe(element)).append(','));
      return text.append(')').toString();
    }
    if (value instanceof Optional<?> optional) {
      return "Optional" + optional.map(ValueCopierTest::describe).orElse("-");
    }
    if (value instanceof Samples.Tagged tagged) {
      return tagged.tag() + Arrays.toString(tagged.values());
    }
    if (value instanceof Bean bean) {
      return bean.getClass().getSimpleName() + bean.name + bean.count + bean.tags;
    }
    return value.toString();
  }

  @Test
  void copying_leavesNoSystemPropertyBehind() {
    ValueCopier.copy(new Bean("a", 1));
    assertEquals(null, System.getProperty("kryo.unsafe"));
  }
}
