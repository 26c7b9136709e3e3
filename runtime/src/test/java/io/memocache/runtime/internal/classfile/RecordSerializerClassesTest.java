package io.memocache.runtime.internal.classfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import io.memocache.runtime.internal.classfile.elsewhere.Hidden;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Generated record serializers write exactly the bytes of Kryo's RecordSerializer, so either reads
 * what the other wrote, for every kind of component.
 */
class RecordSerializerClassesTest {
  record Primitives(
      boolean z, byte b, char c, short s, int i, long j, float f, double d) {}

  record Row(int id, String name, double score) {}

  /** Components declared in an order other than their names' order. */
  record Unordered(String zeta, int alpha, Row middle, long beta) {}

  record Nested(Row row, Nested next) {}

  record Box<T>(T value) {}

  record Arrays2(int[] ints, String[] strings, Object[] objects, long[][] grid) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Arrays2 that
          && Arrays.equals(ints, that.ints)
          && Arrays.equals(strings, that.strings)
          && Arrays.deepEquals(objects, that.objects)
          && Arrays.deepEquals(grid, that.grid);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(ints), Arrays.hashCode(strings));
    }
  }

  record Empty() {}

  /** Its canonical constructor normalizes: reading runs it, as Kryo's RecordSerializer does. */
  record Trimmed(String text) {
    Trimmed {
      text = text == null ? null : text.trim();
    }
  }

  /** An accessor that is not the field's value: written through the accessor, as Kryo does. */
  record Masked(String secret) {
    @Override
    public String secret() {
      return "***";
    }
  }

  private record Private(int value, List<String> tags) {}

  static Stream<Object> records() {
    return Stream.of(
        new Primitives(true, Byte.MIN_VALUE, '\uffff', Short.MIN_VALUE, Integer.MIN_VALUE,
            Long.MIN_VALUE, Float.NaN, -0.0),
        new Primitives(false, Byte.MAX_VALUE, 'a', Short.MAX_VALUE, Integer.MAX_VALUE,
            Long.MAX_VALUE, Float.MAX_VALUE, Double.MIN_VALUE),
        new Row(1, "row-1", 0.5),
        new Row(-1, null, Double.NEGATIVE_INFINITY),
        new Unordered("z", 3, new Row(2, "two", 2), 4),
        new Nested(new Row(1, "a", 1), new Nested(null, new Nested(new Row(2, "b", 2), null))),
        new Box<>(List.of(1, "two", new Row(3, "three", 3))),
        new Box<>(new ArrayList<>(List.of(new Box<>(null), new Box<>(7L)))),
        new Box<>(Map.of("k", new Row(4, "four", 4))),
        new Arrays2(new int[] {1, 2}, new String[] {"a", null}, new Object[] {1, new Row(5, "5", 5)},
            new long[][] {{1}, {}}),
        new Arrays2(null, null, null, null),
        new Empty(),
        new Trimmed("  padded "),
        new Private(9, List.of("x", "y")),
        Hidden.value());
  }

  private static Kryo kryo(Function<Class<?>, Serializer<?>> records) {
    return kryo(records, true);
  }

  private static Kryo kryo(Function<Class<?>, Serializer<?>> records, boolean references) {
    Kryo kryo =
        new Kryo() {
          @Override
          @SuppressWarnings("rawtypes")
          public Serializer getDefaultSerializer(Class type) {
            return type.isRecord() ? records.apply(type) : super.getDefaultSerializer(type);
          }
        };
    kryo.setRegistrationRequired(false);
    kryo.setReferences(references);
    return kryo;
  }

  private static Kryo kryos() {
    return kryo(RecordSerializer::new);
  }

  private static Kryo generated() {
    return generated(true);
  }

  private static Kryo generated(boolean references) {
    return kryo(
        type -> {
          Serializer<?> serializer = RecordSerializerClasses.define(type);
          assertNotNull(serializer, "no serializer could be defined for " + type);
          return serializer;
        },
        references);
  }

  private static byte[] write(Kryo kryo, Object value) {
    try (Output output = new Output(64, -1)) {
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    }
  }

  private static Object read(Kryo kryo, byte[] bytes) {
    Input input = new Input(bytes);
    Object value = kryo.readClassAndObject(input);
    assertEquals(bytes.length, input.position(), "bytes left unread");
    return value;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void generatedSerializer_writesKryosRecordSerializerBytes(Object record) {
    assertArrayEquals(write(kryos(), record), write(generated(), record));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void withoutReferences_generatedSerializer_writesAndReadsKryosRecordSerializerBytes(
      Object record) {
    byte[] bytes = write(kryo(RecordSerializer::new, false), record);
    assertArrayEquals(bytes, write(generated(false), record));
    assertEquals(record, read(generated(false), bytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void generatedSerializer_readsWhatEitherWrote_equalToTheOriginal(Object record) {
    Object expected = read(kryos(), write(kryos(), record));
    Object fromKryos = read(generated(), write(kryos(), record));
    Object fromOwn = read(generated(), write(generated(), record));
    assertEquals(expected, fromKryos);
    assertEquals(expected, fromOwn);
    assertEquals(record.getClass(), fromOwn.getClass());
    assertNotSame(record, fromOwn);
  }

  @Test
  void canonicalConstructor_runsOnRead_andAccessorsAreWhatIsWritten() {
    Kryo kryo = generated();
    assertEquals(new Trimmed("padded"), read(kryo, write(kryo, new Trimmed(" padded"))));
    Masked masked = (Masked) read(kryo, write(kryo, new Masked("password")));
    assertEquals("***", masked.secret());
  }

  @Test
  void recordsThatAreNotPublic_orInAnotherPackage_getAGeneratedSerializer() {
    for (Class<?> type : List.of(Private.class, Hidden.outerClass(), Hidden.innerClass())) {
      Serializer<?> serializer = RecordSerializerClasses.define(type);
      assertNotNull(serializer, type.getName());
      assertTrue(serializer.isImmutable(), "records are immutable to Kryo, as RecordSerializer");
    }
  }

  @Test
  void aClassThatIsNotARecord_isRefused() {
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class, () -> RecordSerializerClasses.define(String.class));
    assertEquals("not a record: java.lang.String", failure.getMessage());
  }
}
