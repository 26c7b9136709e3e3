package io.memocache.runtime.internal.store;

import io.memocache.runtime.internal.types.OpaqueTypes;
import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/*
 * Design note.
 *
 * A persisted entry is found by the content of its key arguments, from any JVM, machine or JDK
 * version, so the in-process snapshots (ContentKeys: identity of classes, hash codes, HashMap
 * order) cannot serve. This encoding is a byte string that depends on content only:
 *  - Every value starts with a tag byte, and each tag's body is self-delimiting (fixed width, or a
 *    length or count before the content). By induction every encoding is prefix-free, so a
 *    sequence of encodings parses one way only: ["ab","c"] and ["a","bc"], a nested list and a
 *    flat one, null and "null" can never encode alike, crafted or not.
 *  - The tags mirror what is equal in-process (ContentKeys): Integer 1, Long 1 and Double 1.0 are
 *    three keys; every List is one kind (ArrayList and LinkedList of equal elements encode
 *    alike), every Set one, every Map one, and other collections are ordered sequences; an
 *    Object[] carries its array class; a String and a StringBuilder of the same characters differ;
 *    floats and doubles are compared as their equals does (one NaN, 0.0 and -0.0 distinct).
 *  - Sets and maps are written in the order of their encoded elements (entries), sorted as
 *    unsigned bytes, so neither insertion order nor hash codes matter; elements that encode
 *    alike count once, as they do in the in-process set.
 *  - Enums are written as their declaring class's name and the constant's name, never its
 *    ordinal; classes by name; JDK value classes by a canonical form consistent with their equals
 *    (BigDecimal by unscaled value and scale, java.time by its ISO text, a Path or File by its
 *    text, a Currency by its code, ...). A JDK class without
 *    such a form is refused: its private fields are closed to us and its equals is opaque.
 *  - Records and user objects are written as their class name and their fields (components), each
 *    as a name and a value: non-static, non-transient, non-synthetic fields, inherited ones
 *    included, ordered by class level (the object's class first) and then by name, so the order
 *    reflection returns fields in never matters, and a renamed field is a different key.
 *  - Cycles: an object met again on the path from the argument down to it is written as a
 *    back-reference to its depth from the current object, as ContentKeys does; objects shared
 *    without a cycle are written at each place, so sharing never changes a key.
 * The walk is iterative (an explicit stack of frames, each with its own list of children), so a
 * list nested 20,000 deep or a 100,000-node linked structure is encoded on any thread's stack.
 * Values with no content (OpaqueTypes) are refused with UnstorableKeyException, as is a JDK class
 * without a canonical form; the caller treats that as a store miss.
 */

/** Canonical byte encodings of key arguments, for memo stores. */
public final class CanonicalKeys {
  /** The first byte of every encoding: a change of the format makes old entries unreachable. */
  static final int FORMAT = 1;

  private static final int NULL = 0;
  private static final int BOOLEAN = 1;
  private static final int BYTE = 2;
  private static final int SHORT = 3;
  private static final int CHAR = 4;
  private static final int INT = 5;
  private static final int LONG = 6;
  private static final int FLOAT = 7;
  private static final int DOUBLE = 8;
  private static final int STRING = 9;
  private static final int CHARS = 10;
  private static final int CLASS = 11;
  private static final int ENUM = 12;
  private static final int BIG_INTEGER = 13;
  private static final int BIG_DECIMAL = 14;
  private static final int UUID_VALUE = 15;
  private static final int TEXT_VALUE = 16;
  private static final int OPTIONAL_INT = 17;
  private static final int OPTIONAL_LONG = 18;
  private static final int OPTIONAL_DOUBLE = 19;
  private static final int PRIMITIVE_ARRAY = 20;
  private static final int OBJECT_ARRAY = 21;
  private static final int LIST = 22;
  private static final int COLLECTION = 23;
  private static final int SET = 24;
  private static final int MAP = 25;
  private static final int OPTIONAL = 26;
  private static final int OBJECT = 27;
  private static final int BACK_REFERENCE = 28;
  private static final int ENTRY = 29;

  private static final int UTF_8 = 0;
  private static final int UTF_16 = 1;

  private static final ClassValue<Field[]> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          List<Field> fields = new ArrayList<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Field> level = new ArrayList<>();
            for (Field field : c.getDeclaredFields()) {
              int modifiers = field.getModifiers();
              if (!Modifier.isStatic(modifiers)
                  && !Modifier.isTransient(modifiers)
                  && !field.isSynthetic()) {
                field.setAccessible(true);
                level.add(field);
              }
            }
            level.sort(Comparator.comparing(Field::getName));
            fields.addAll(level);
          }
          return fields.toArray(new Field[0]);
        }
      };

  /** For each field of {@link #FIELDS}: its label, the class level (0: the object's own) and name. */
  private static final ClassValue<Label[]> FIELD_LABELS =
      new ClassValue<>() {
        @Override
        protected Label[] computeValue(Class<?> type) {
          Field[] fields = FIELDS.get(type);
          Label[] labels = new Label[fields.length];
          for (int i = 0; i < fields.length; i++) {
            int level = 0;
            for (Class<?> c = type; c != fields[i].getDeclaringClass(); c = c.getSuperclass()) {
              level++;
            }
            labels[i] = new Label(level, fields[i].getName());
          }
          return labels;
        }
      };

  private CanonicalKeys() {}

  /**
   * Returns the canonical encoding of a method's key arguments: equal for arguments whose content
   * is equal (as in-process keys compare them), in any JVM; different for any two different
   * argument lists.
   *
   * @param keyArguments the values of the key parameters, in order (primitives boxed)
   * @return the encoding, starting with a format byte
   * @throws UnstorableKeyException when an argument, or something inside it, has no content that
   *     can be stored
   */
  public static byte[] encode(Object... keyArguments) {
    return new Encoder().encode(keyArguments);
  }

  /** A field's or component's name, written between the values of an object. */
  private record Label(int level, String name) {}

  /** One structured value being written: its children, and where they go. */
  private static final class Frame {
    /** The value on the path (for cycles), or null for the argument list itself. */
    final Object value;

    final Object[] children;
    final Sink out;
    /** 0 for ordered content; for a set 1, for a map 2: children per sorted group. */
    final int groupSize;

    int next;
    Sink group;
    int groupFilled;
    List<byte[]> groups;

    Frame(Object value, Object[] children, Sink out, int groupSize) {
      this.value = value;
      this.children = children;
      this.out = out;
      this.groupSize = groupSize;
      if (groupSize > 0) {
        groups = new ArrayList<>();
      }
    }

    /** The place of the child last taken, for messages. */
    String step() {
      int index = next - 1;
      if (index < 0) {
        return "";
      }
      if (groupSize == 2) {
        return index % 2 == 0 ? "{key}" : "{value}";
      }
      if (index > 0 && children[index - 1] instanceof Label label) {
        return "." + label.name();
      }
      int position = 0;
      for (int i = 0; i < index; i++) {
        if (!(children[i] instanceof Label)) {
          position++;
        }
      }
      return "[" + position + "]";
    }
  }

  private static final class Encoder {
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private final IdentityHashMap<Object, Integer> onPath = new IdentityHashMap<>();

    byte[] encode(Object[] arguments) {
      Sink out = new Sink();
      out.write(FORMAT);
      out.writeVarLong(arguments.length);
      stack.push(new Frame(null, arguments.clone(), out, 0));
      while (!stack.isEmpty()) {
        Frame frame = stack.peek();
        if (frame.group != null && frame.groupFilled == frame.groupSize) {
          frame.groups.add(frame.group.toByteArray());
          frame.group = null;
        }
        if (frame.next == frame.children.length) {
          stack.pop();
          finish(frame);
          continue;
        }
        Object child = frame.children[frame.next++];
        if (child instanceof Label label) {
          frame.out.writeVarLong(label.level());
          frame.out.writeString(label.name());
          continue;
        }
        Sink target = frame.out;
        if (frame.groupSize > 0) {
          if (frame.group == null) {
            frame.group = new Sink();
            frame.groupFilled = 0;
          }
          frame.groupFilled++;
          target = frame.group;
        }
        try {
          write(child, target);
        } catch (UnstorableKeyException e) {
          throw new UnstorableKeyException(e.type(), path(), e.reason());
        }
      }
      return out.toByteArray();
    }

    /** The path to the child being written: "[1].customer.orders[3]". */
    private String path() {
      StringBuilder path = new StringBuilder();
      var frames = stack.descendingIterator();
      while (frames.hasNext()) {
        path.append(frames.next().step());
      }
      return path.toString();
    }

    private void finish(Frame frame) {
      if (frame.value != null) {
        onPath.remove(frame.value);
      }
      if (frame.groupSize > 0) {
        frame.groups.sort(Arrays::compareUnsigned);
        int distinct = 0;
        for (int i = 0; i < frame.groups.size(); i++) {
          if (i == 0 || !Arrays.equals(frame.groups.get(i), frame.groups.get(i - 1))) {
            distinct++;
          }
        }
        frame.out.writeVarLong(distinct);
        for (int i = 0; i < frame.groups.size(); i++) {
          if (i == 0 || !Arrays.equals(frame.groups.get(i), frame.groups.get(i - 1))) {
            frame.out.writeBytes(frame.groups.get(i));
          }
        }
      }
    }

    /** Writes a leaf value, or its header and a frame for its children. */
    private void write(Object value, Sink out) {
      if (value == null) {
        out.write(NULL);
        return;
      }
      if (value instanceof Class<?> named) {
        out.write(CLASS);
        out.writeString(named.getName());
        return;
      }
      Class<?> type = value.getClass();
      if (value instanceof Enum<?> constant) {
        out.write(ENUM);
        out.writeString(constant.getDeclaringClass().getName());
        out.writeString(constant.name());
        return;
      }
      if (writeScalar(value, type, out)) {
        return;
      }
      if (OpaqueTypes.isOpaque(type)) {
        throw refused(type, "it is a handle on the running process, not data");
      }
      if (value instanceof CharSequence chars) {
        out.write(CHARS);
        out.writeText(chars.toString());
        return;
      }
      if (type.isArray() && type.getComponentType().isPrimitive()) {
        writePrimitiveArray(value, out);
        return;
      }
      Integer depth = onPath.get(value);
      if (depth != null) {
        out.write(BACK_REFERENCE);
        out.writeVarLong(onPath.size() - depth);
        return;
      }
      Frame frame = structured(value, type, out);
      onPath.put(value, onPath.size());
      stack.push(frame);
    }

    /** Writes the header of a structured value and returns the frame of its children. */
    private Frame structured(Object value, Class<?> type, Sink out) {
      if (value instanceof Object[] array) {
        out.write(OBJECT_ARRAY);
        out.writeString(type.getName());
        out.writeVarLong(array.length);
        return new Frame(value, array.clone(), out, 0);
      }
      if (value instanceof List<?> list) {
        return sequence(LIST, value, list, out);
      }
      if (value instanceof Set<?> set) {
        out.write(SET);
        return new Frame(value, set.toArray(), out, 1);
      }
      if (value instanceof Map<?, ?> map) {
        out.write(MAP);
        List<Object> children = new ArrayList<>(2 * map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          children.add(entry.getKey());
          children.add(entry.getValue());
        }
        return new Frame(value, children.toArray(), out, 2);
      }
      if (value instanceof Collection<?> collection) {
        return sequence(COLLECTION, value, collection, out);
      }
      if (value instanceof Optional<?> optional) {
        out.write(OPTIONAL);
        Object[] content = optional.isPresent() ? new Object[] {optional.get()} : new Object[0];
        out.writeVarLong(content.length);
        return new Frame(value, content, out, 0);
      }
      if (type.isRecord()) {
        return object(value, type, recordContent(value, type), out);
      }
      boolean jdk = type.getName().startsWith("java.") || type.getName().startsWith("javax.");
      if (jdk && value instanceof Map.Entry<?, ?> entry) {
        out.write(ENTRY);
        return new Frame(value, new Object[] {entry.getKey(), entry.getValue()}, out, 0);
      }
      if (jdk || type.getModule().isNamed()) {
        throw refused(type, "it is a library class without a canonical form");
      }
      return object(value, type, fieldContent(value, type), out);
    }

    private Frame sequence(int tag, Object value, Collection<?> elements, Sink out) {
      Object[] children = elements.toArray();
      out.write(tag);
      out.writeVarLong(children.length);
      return new Frame(value, children, out, 0);
    }

    private Frame object(Object value, Class<?> type, Object[] labelledValues, Sink out) {
      out.write(OBJECT);
      out.writeString(type.getName());
      out.writeVarLong(labelledValues.length / 2);
      return new Frame(value, labelledValues, out, 0);
    }

    private Object[] recordContent(Object record, Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Object[] content = new Object[2 * components.length];
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        try {
          accessor.setAccessible(true);
          content[2 * i + 1] = accessor.invoke(record);
        } catch (ReflectiveOperationException | InaccessibleObjectException e) {
          throw refused(type, "its component '" + components[i].getName() + "' cannot be read");
        }
        content[2 * i] = new Label(0, components[i].getName());
      }
      return content;
    }

    private Object[] fieldContent(Object object, Class<?> type) {
      Field[] fields;
      Label[] labels;
      try {
        fields = FIELDS.get(type);
        labels = FIELD_LABELS.get(type);
      } catch (InaccessibleObjectException e) {
        throw refused(type, "its fields are closed to reflection");
      }
      Object[] content = new Object[2 * fields.length];
      for (int i = 0; i < fields.length; i++) {
        content[2 * i] = labels[i];
        try {
          content[2 * i + 1] = fields[i].get(object);
        } catch (IllegalAccessException e) {
          throw refused(type, "its field '" + fields[i].getName() + "' cannot be read");
        }
      }
      return content;
    }

    /** Writes a value of a JDK value class; returns false for any other value. */
    private static boolean writeScalar(Object value, Class<?> type, Sink out) {
      if (type == String.class) {
        out.write(STRING);
        out.writeText((String) value);
      } else if (type == Integer.class) {
        out.write(INT);
        out.writeInt((Integer) value);
      } else if (type == Long.class) {
        out.write(LONG);
        out.writeLong((Long) value);
      } else if (type == Boolean.class) {
        out.write(BOOLEAN);
        out.write((Boolean) value ? 1 : 0);
      } else if (type == Double.class) {
        out.write(DOUBLE);
        out.writeLong(Double.doubleToLongBits((Double) value));
      } else if (type == Float.class) {
        out.write(FLOAT);
        out.writeInt(Float.floatToIntBits((Float) value));
      } else if (type == Character.class) {
        out.write(CHAR);
        out.writeShort((Character) value);
      } else if (type == Short.class) {
        out.write(SHORT);
        out.writeShort((Short) value);
      } else if (type == Byte.class) {
        out.write(BYTE);
        out.write((Byte) value);
      } else if (type == BigInteger.class) {
        out.write(BIG_INTEGER);
        out.writeBlock(((BigInteger) value).toByteArray());
      } else if (type == BigDecimal.class) {
        // BigDecimal.equals compares the scale too: 1.0 and 1.00 are two keys.
        BigDecimal decimal = (BigDecimal) value;
        out.write(BIG_DECIMAL);
        out.writeInt(decimal.scale());
        out.writeBlock(decimal.unscaledValue().toByteArray());
      } else if (type == UUID.class) {
        out.write(UUID_VALUE);
        out.writeLong(((UUID) value).getMostSignificantBits());
        out.writeLong(((UUID) value).getLeastSignificantBits());
      } else if (type == OptionalInt.class) {
        OptionalInt optional = (OptionalInt) value;
        out.write(OPTIONAL_INT);
        out.write(optional.isPresent() ? 1 : 0);
        out.writeInt(optional.orElse(0));
      } else if (type == OptionalLong.class) {
        OptionalLong optional = (OptionalLong) value;
        out.write(OPTIONAL_LONG);
        out.write(optional.isPresent() ? 1 : 0);
        out.writeLong(optional.orElse(0));
      } else if (type == OptionalDouble.class) {
        OptionalDouble optional = (OptionalDouble) value;
        out.write(OPTIONAL_DOUBLE);
        out.write(optional.isPresent() ? 1 : 0);
        out.writeLong(Double.doubleToLongBits(optional.orElse(0)));
      } else {
        String text = canonicalText(value, type);
        if (text == null) {
          return false;
        }
        out.write(TEXT_VALUE);
        out.writeString(type.getName());
        out.writeText(text);
      }
      return true;
    }

    /**
     * Returns the canonical text of a JDK value whose text form is lossless and consistent with
     * its equals, or null. Every java.time class prints its full value in ISO form.
     */
    private static String canonicalText(Object value, Class<?> type) {
      String packageName = type.getPackageName();
      if (packageName.equals("java.time") || packageName.startsWith("java.time.")) {
        return value.toString();
      }
      if (type == Locale.class || type == URI.class) {
        return value.toString();
      }
      if (type == Pattern.class) {
        return ((Pattern) value).flags() + ":" + ((Pattern) value).pattern();
      }
      if (type == Date.class) {
        return Long.toString(((Date) value).getTime());
      }
      if (value instanceof Path path) {
        // Paths compare by their text on one file system; the class names the file system.
        return path.toString();
      }
      if (type == File.class) {
        return ((File) value).getPath();
      }
      if (type == Currency.class) {
        return ((Currency) value).getCurrencyCode();
      }
      if (value instanceof Charset charset) {
        return charset.name();
      }
      return null;
    }

    private static void writePrimitiveArray(Object array, Sink out) {
      out.write(PRIMITIVE_ARRAY);
      out.writeString(array.getClass().getComponentType().getName());
      int length = Array.getLength(array);
      out.writeVarLong(length);
      if (array instanceof byte[] bytes) {
        out.writeBytes(bytes);
      } else if (array instanceof int[] ints) {
        for (int v : ints) {
          out.writeInt(v);
        }
      } else if (array instanceof long[] longs) {
        for (long v : longs) {
          out.writeLong(v);
        }
      } else if (array instanceof double[] doubles) {
        for (double v : doubles) {
          out.writeLong(Double.doubleToLongBits(v));
        }
      } else if (array instanceof float[] floats) {
        for (float v : floats) {
          out.writeInt(Float.floatToIntBits(v));
        }
      } else if (array instanceof char[] chars) {
        for (char v : chars) {
          out.writeShort(v);
        }
      } else if (array instanceof short[] shorts) {
        for (short v : shorts) {
          out.writeShort(v);
        }
      } else {
        for (boolean v : (boolean[]) array) {
          out.write(v ? 1 : 0);
        }
      }
    }

    private static UnstorableKeyException refused(Class<?> type, String reason) {
      return new UnstorableKeyException(type, "", reason);
    }
  }

  /** A growable byte array with the few primitive writes the encoding needs. */
  private static final class Sink {
    private byte[] bytes = new byte[64];
    private int size;

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    void writeShort(int v) {
      ensure(2);
      bytes[size++] = (byte) (v >>> 8);
      bytes[size++] = (byte) v;
    }

    void writeInt(int v) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        bytes[size++] = (byte) (v >>> shift);
      }
    }

    void writeLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[size++] = (byte) (v >>> shift);
      }
    }

    /** Unsigned LEB128: seven bits a byte, the high bit set on every byte but the last. */
    void writeVarLong(long v) {
      while ((v & ~0x7FL) != 0) {
        write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      write((int) v);
    }

    void writeBytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }

    /** A length, then the bytes. */
    void writeBlock(byte[] b) {
      writeVarLong(b.length);
      writeBytes(b);
    }

    /** A class or member name: UTF-8, length first (names are well-formed text). */
    void writeString(String s) {
      writeBlock(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * User text: UTF-8 where that is lossless; a string holding an unpaired surrogate (which
     * UTF-8 would replace by '?') is written as UTF-16 instead, behind its own mode byte.
     */
    void writeText(String s) {
      if (isWellFormed(s)) {
        write(UTF_8);
        writeBlock(s.getBytes(StandardCharsets.UTF_8));
      } else {
        write(UTF_16);
        writeBlock(s.getBytes(StandardCharsets.UTF_16BE));
      }
    }

    private static boolean isWellFormed(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            i++;
          } else {
            return false;
          }
        } else if (Character.isLowSurrogate(c)) {
          return false;
        }
      }
      return true;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }
}
