package io.memocache.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.memocache.runtime.internal.Samples;
import io.memocache.runtime.internal.Samples.Color;
import io.memocache.runtime.internal.Samples.Point;
import io.memocache.runtime.internal.classfile.elsewhere.Hidden;
import io.memocache.runtime.internal.copies.ValueCopierTest;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 9, values: serialized with the type coverage of copies, read back in another JVM,
 * and a value that can no longer be read is a clear failure, never a wrong value.
 */
public class StoredValuesTest {
  private static final ClassLoader LOADER = StoredValuesTest.class.getClassLoader();

  @TempDir Path temp;

  private static Object roundTrip(Object value) {
    return StoredValues.deserialize(StoredValues.serialize(value), LOADER);
  }

  /** Equal content, arrays and user objects included, as keys compare it. */
  private static void assertSameContent(Object expected, Object actual) {
    assertArrayEquals(CanonicalKeys.encode(expected), CanonicalKeys.encode(actual));
  }

  static Stream<ValueCopierTest.Case> resultTypes() {
    return ValueCopierTest.resultTypes();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultTypes")
  void everyTypeFamilyOfCopies_roundTrips_withItsContentAndClass(ValueCopierTest.Case type) {
    Object original = type.value().get();
    Object read = roundTrip(original);
    assertSameContent(original, read);
    String immutable = "java.util.ImmutableCollections$";
    if (original.getClass().getName().startsWith(immutable)) {
      // List.of's classes depend on the size: Stream.toList()'s ListN of two reads as a List12.
      assertTrue(read.getClass().getName().startsWith(immutable), read.getClass().getName());
    } else if (!type.name().equals("subList view")) {
      assertEquals(original.getClass(), read.getClass());
    }
  }

  record AllPrimitives(
      boolean z, byte b, char c, short s, int i, long j, float f, double d) {}

  /** Generic, nested and possibly null components, declared out of name order. */
  record Page<T>(List<T> rows, T first, Page<T> previous, String title) {}

  @Test
  void records_roundTrip_withPrimitivesNullsGenericComponentsAndNesting() {
    AllPrimitives extremes =
        new AllPrimitives(
            true, Byte.MIN_VALUE, '\uffff', Short.MIN_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Float.NaN, -0.0);
    assertEquals(extremes, roundTrip(extremes));
    Page<Point> first = new Page<>(List.of(new Point(1, 2)), new Point(1, 2), null, null);
    Page<Point> second =
        new Page<>(new ArrayList<>(List.of(new Point(3, 4))), null, first, "second");
    assertEquals(second, roundTrip(second));
    Samples.Line line = new Samples.Line(new Point(0, 0), null, List.of("a", "b"));
    assertEquals(line, roundTrip(line));
    Samples.Tagged tagged = (Samples.Tagged) roundTrip(new Samples.Tagged("t", new int[] {1, 2}));
    assertArrayEquals(new int[] {1, 2}, tagged.values());
  }

  @Test
  void recordsThatAreNotPublic_inAnotherPackage_roundTrip() {
    Object value = Hidden.value();
    Object read = roundTrip(value);
    assertEquals(value, read);
    assertEquals(Hidden.outerClass(), read.getClass());
  }

  @Test
  void sortedCollections_keepTheirComparator() {
    TreeSet<String> reversed = new TreeSet<>(Collections.reverseOrder());
    reversed.addAll(List.of("a", "c", "b"));
    assertEquals(List.of("c", "b", "a"), new ArrayList<>((TreeSet<?>) roundTrip(reversed)));
    TreeMap<String, Integer> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.put("B", 1);
    caseless.put("a", 2);
    @SuppressWarnings("unchecked")
    TreeMap<String, Integer> read = (TreeMap<String, Integer>) roundTrip(caseless);
    assertEquals(2, read.get("A"));
  }

  @Test
  void nullAndCyclesAndSharing_comeBackAsTheyWere() {
    assertNull(roundTrip(null));
    Samples.Node a = (Samples.Node) roundTrip(Samples.cycle("a", "b"));
    assertEquals("b", a.next.get(0).name);
    assertSame(a, a.next.get(0).next.get(0));
    List<Object> shared = new ArrayList<>();
    Point point = new Point(1, 2);
    shared.add(point);
    shared.add(point);
    List<?> read = (List<?>) roundTrip(shared);
    assertSame(read.get(0), read.get(1));
    assertEquals(StoredValues.FORMAT, StoredValues.serialize(Samples.cycle("a", "b"))[0]);
  }

  @Test
  void processHandles_areRefused() {
    UnstorableValueException e =
        assertThrows(
            UnstorableValueException.class,
            () -> StoredValues.serialize(List.of(new Samples.HoldsThread())));
    assertEquals(Thread.class, e.type());
  }

  /** A singly linked node: a deep graph. */
  static final class Link {
    Link next;
  }

  private static Link chain(int length) {
    Link head = new Link();
    Link tail = head;
    for (int i = 1; i < length; i++) {
      tail.next = new Link();
      tail = tail.next;
    }
    return head;
  }

  @Test
  void aChainWithinTheDepthBound_roundTrips() {
    Link read = (Link) roundTrip(chain(StoredValues.MAX_DEPTH / 2));
    int length = 0;
    for (Link link = read; link != null; link = link.next) {
      length++;
    }
    assertEquals(StoredValues.MAX_DEPTH / 2, length);
  }

  @Test
  @Timeout(60)
  void aGraphTooDeepToWrite_isRefused_onAnOrdinaryThreadStack() throws Exception {
    Link head = chain(100_000);
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                StoredValues.serialize(head);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    writer.start();
    writer.join();
    assertTrue(thrown.get() instanceof UnstorableValueException, String.valueOf(thrown.get()));
  }

  /** Asks Kryo for Java serialization. */
  @DefaultSerializer(JavaSerializer.class)
  static final class WantsJavaSerialization implements Serializable {
    private static final long serialVersionUID = 1L;
    String name = "x";
  }

  @Test
  void javaSerialization_isNeverUsed() {
    UnstorableValueException e =
        assertThrows(
            UnstorableValueException.class,
            () -> StoredValues.serialize(new WantsJavaSerialization()));
    assertEquals(WantsJavaSerialization.class, e.type());
    assertThrows(
        UnstorableValueException.class,
        () -> StoredValues.serialize(new IllegalStateException("JDK state is the JDK's")));
  }

  @Test
  void truncatedOrPaddedBytes_areUnreadable() {
    List<Object> value =
        List.of(
            new Samples.Account(7, "acct"),
            Map.of("k", List.of(1, 2, 3)),
            new Point(3, 4),
            Color.BLUE,
            LocalDate.of(2024, 1, 1));
    byte[] bytes = StoredValues.serialize(value);
    assertSameContent(value, StoredValues.deserialize(bytes, LOADER));
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThrows(
          UnreadableValueException.class,
          () -> StoredValues.deserialize(truncated, LOADER),
          "truncated to " + length + " bytes");
    }
    byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(UnreadableValueException.class, () -> StoredValues.deserialize(padded, LOADER));
    for (int unknown : new int[] {0, StoredValues.TREE + 1, 0xFF}) {
      byte[] otherFormat = bytes.clone();
      otherFormat[0] = (byte) unknown;
      assertThrows(
          UnreadableValueException.class,
          () -> StoredValues.deserialize(otherFormat, LOADER),
          "format byte " + unknown);
    }
  }

  record Row(int id, String name, double score) {}

  @Test
  void aValueInWhichNoObjectOccursTwice_isWrittenAsATree_withoutReferences() {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(new Row(i, "row-" + i, i * 0.5));
    }
    byte[] bytes = StoredValues.serialize(rows);
    assertEquals(StoredValues.TREE, bytes[0]);
    assertEquals(rows, StoredValues.deserialize(bytes, LOADER));
  }

  @Test
  void aValueThatSharesAnObject_keepsReferences_evenAnImmutableOne() {
    Point point = new Point(1, 2);
    byte[] sharedPoint = StoredValues.serialize(new ArrayList<>(List.of(point, point)));
    assertEquals(StoredValues.FORMAT, sharedPoint[0]);

    // Written without references, a string met a thousand times would be written a thousand times.
    String large = "x".repeat(100_000);
    byte[] sharedString = StoredValues.serialize(new ArrayList<>(Collections.nCopies(1_000, large)));
    assertEquals(StoredValues.FORMAT, sharedString[0]);
    assertTrue(sharedString.length < 2 * large.length(), sharedString.length + " bytes");
    List<?> read = (List<?>) StoredValues.deserialize(sharedString, LOADER);
    assertEquals(1_000, read.size());
    assertSame(read.get(0), read.get(999));
  }

  /** A tree value as every store wrote it before trees were written without references. */
  private static final String WRITTEN_WITH_REFERENCES =
      "AQEAamF2YS51dGlsLkFycmF5TGlz9AAAAAAAAAAAAQUDAXJvdy2xAg4BAWphdmEudGltZS5Mb2NhbERhdOUAAAAAAAAAAA"
          + "HoDwEBAQJqYXZhLnV0aWwuVHJlZU1h8AAAAAAAAAAAAQIAAwGCawoAAAAAAAAEQA==";

  @Test
  void aTreeStoredWithReferences_byAnEarlierVersion_isStillRead() {
    byte[] bytes = Base64.getDecoder().decode(WRITTEN_WITH_REFERENCES);
    assertEquals(StoredValues.FORMAT, bytes[0]);
    Object expected =
        new ArrayList<>(
            List.of("row-1", 7, LocalDate.of(2024, 1, 1), new TreeMap<>(Map.of("k", 2.5))));
    assertEquals(expected, StoredValues.deserialize(bytes, LOADER));
    assertEquals(StoredValues.TREE, StoredValues.serialize(expected)[0]);
  }

  private Class<?> compile(String name, String source) throws Exception {
    return TestCompiler.loader(TestCompiler.compile(temp, Map.of(name, source))).loadClass(name);
  }

  @Test
  void enumsAreStoredByName_soReorderingConstantsKeepsValuesReadable() throws Exception {
    Class<?> before = compile("p.Level", "package p; public enum Level { LOW, MEDIUM, HIGH }");
    Class<?> after = compile("p.Level", "package p; public enum Level { HIGH, MEDIUM, LOW }");
    Object low = Enum.valueOf(before.asSubclass(Enum.class), "LOW");
    byte[] bytes = StoredValues.serialize(new ArrayList<>(List.of(low)));
    List<?> read = (List<?>) StoredValues.deserialize(bytes, after.getClassLoader());
    assertSame(Enum.valueOf(after.asSubclass(Enum.class), "LOW"), read.get(0));
  }

  private static final String BOX_V1 = "package p; public class Box { public int a; public String b; }";

  private byte[] storedBox() throws Exception {
    Class<?> box = compile("p.Box", BOX_V1);
    Object instance = box.getConstructor().newInstance();
    box.getField("a").setInt(instance, 42);
    box.getField("b").set(instance, "text");
    return StoredValues.serialize(List.of(instance));
  }

  @Test
  void aClassUnchangedSinceStoring_isReadBack() throws Exception {
    byte[] bytes = storedBox();
    Class<?> same = compile("p.Box", BOX_V1);
    Object read = ((List<?>) StoredValues.deserialize(bytes, same.getClassLoader())).get(0);
    assertEquals(same, read.getClass());
    assertEquals(42, same.getField("a").getInt(read));
    assertEquals("text", same.getField("b").get(read));
  }

  @Test
  void aClassChangedSinceStoring_makesTheValueUnreadable_neverWrong() throws Exception {
    byte[] bytes = storedBox();
    for (String changed :
        List.of(
            "package p; public class Box { public long a; public String b; }",
            "package p; public class Box { public int a; public String b; public int c; }",
            "package p; public class Box { public int a; }",
            "package p; public class Box { public int z; public String b; }")) {
      ClassLoader loader = compile("p.Box", changed).getClassLoader();
      assertThrows(
          UnreadableValueException.class, () -> StoredValues.deserialize(bytes, loader), changed);
    }
    UnreadableValueException gone =
        assertThrows(UnreadableValueException.class, () -> StoredValues.deserialize(bytes, LOADER));
    assertFalse(gone.getMessage().isEmpty());
  }

  /** The sample both JVMs build: every family, a cycle, user classes. */
  static Object crossJvmSample() {
    Samples.Bean bean = new Samples.Bean("bean", 3);
    bean.tags.add("t");
    return new ArrayList<>(
        List.of(
            bean,
            new Samples.Account(9, "acct"),
            Map.of("k", List.of(1, 2)),
            Collections.unmodifiableList(new ArrayList<>(List.of("u"))),
            new Samples.Tagged("t", new int[] {1, 2}),
            Color.BLUE,
            LocalDate.of(2024, 2, 29),
            Samples.cycle("a", "b")));
  }

  /** Prints the base64 of the sample's serialized form, for the parent JVM to read. */
  public static void main(String[] args) {
    System.out.println(Base64.getEncoder().encodeToString(StoredValues.serialize(crossJvmSample())));
    StoredValues.deserialize(StoredValues.serialize(crossJvmSample()), LOADER);
  }

  @Test
  @Timeout(120)
  void aValueStoredByAnotherJvm_isReadHere_withoutUnsafeWarnings() throws Exception {
    ChildJvm.Result child = ChildJvm.run(StoredValuesTest.class);
    byte[] bytes = Base64.getDecoder().decode(child.stdout().strip());
    assertSameContent(crossJvmSample(), StoredValues.deserialize(bytes, LOADER));
    // JDK 24+ warns on stderr when Kryo touches sun.misc.Unsafe's memory access (JEP 498).
    assertFalse(child.stderr().contains("sun.misc.Unsafe"), child.stderr());
  }
}
