package io.memocache.runtime.internal.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.EnumNameSerializer;
import com.esotericsoftware.kryo.serializers.ExternalizableSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.IdentityObjectIntMap;
import com.esotericsoftware.kryo.util.IntMap;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import io.memocache.runtime.internal.classfile.RecordSerializerClasses;
import io.memocache.runtime.internal.copies.JdkWrappers;
import io.memocache.runtime.internal.copies.UnsafeFreeKryo;
import io.memocache.runtime.internal.types.OpaqueTypes;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.objenesis.strategy.StdInstantiatorStrategy;

/*
 * Design note.
 *
 * Persisted values are bytes that another JVM, possibly running a later build, reads back. The
 * bytes reach this class only after the store has authenticated them (HMAC), so naming classes in
 * them is safe: registration is not required and each class is written by name the first time it
 * appears in a value. Java serialization is never used: a class Kryo would hand to JavaSerializer
 * or ExternalizableSerializer, or a JDK class it would read through private fields (which needs
 * --add-opens, and whose layout is the JDK's own business), is refused.
 *
 * The type coverage is that of copies (SPEC section 5), with serializers that write and read:
 *  - records through their components and canonical constructor: in Kryo's RecordSerializer's
 *    format, by a serializer generated per record class (RecordSerializerClasses: reflection and
 *    boxing were most of the cost of reading a list of records), or by RecordSerializer itself
 *    where none can be defined; one generated serializer per class, shared by the pooled Kryos;
 *  - List.of/Set.of/Map.of by Kryo's ImmutableCollectionsSerializers; Arrays.asList as its array;
 *    Collections.unmodifiable* and synchronized* by their contents, wrapped again on reading;
 *    other non-public JDK collections (views) as the public collection of the same family;
 *  - enums by constant name, never ordinal, so reordering constants keeps entries readable
 *    (EnumSet and EnumMap too); an empty EnumMap, whose key type is private, is refused;
 *  - user classes by their fields (FieldSerializer), created without a constructor where they
 *    have no no-arg one (Objenesis's standard strategy: no sun.misc.Unsafe);
 *  - references on, so cycles and shared objects come back as they were; but a value in which
 *    no object is met twice (a tree: the usual page of rows) is written again without them, and
 *    marked so by its first byte (TREE). Reading references costs about half the time of reading
 *    such a value (a reference id per object, an id stack, a table of every object read), and a
 *    tree has no use for them. Whether a value is a tree is what Kryo's own reference tracking saw
 *    while writing it (no back-reference was written), so this cannot disagree with what Kryo
 *    walks; the price is a second write, paid once per stored value, never on a read. Entries
 *    written before TREE existed are of FORMAT and are read as before;
 *  - at most MAX_DEPTH levels of nesting (Kryo recurses): a deeper graph, such as a long chain of
 *    user nodes, is refused up front rather than by a StackOverflowError, which, met inside a
 *    class's static initializer deep in the stack, would break that class for the whole process
 *    (seen: java.lang.StringBuffer). Lists, sets and maps add one level, whatever their size.
 *
 * Changed classes. FieldSerializer writes fields without names, so reading bytes written for an
 * older layout of a class would silently mix its fields up. The class resolver therefore writes,
 * after each class name, a digest of the class's stored shape (its serialized fields' names and
 * types in order, or a record's components), and on reading compares it with the shape of the
 * class now loaded: any difference, or a class that is gone, is an UnreadableValueException, which
 * the caller treats as a bad entry (a miss), never as a wrong value.
 *
 * Class loaders. Values are read through the class loader of the method's class (passed in).
 * Implicit registrations are kept in a ClassValue on each class, not in the pooled Kryo, and the
 * loader is reset after each read, so a pooled Kryo keeps no application class loader alive.
 *
 * Kryo's process-wide choice of whether it may use sun.misc.Unsafe, which JDK 24+ would otherwise
 * warn about, is made by UnsafeFreeKryo before this class first touches Kryo.
 */

/** Serialized form of persisted {@code @Memo} values: Kryo, versioned, never Java serialization. */
public final class StoredValues {
  /**
   * The first byte of a serialized value written with references (cycles and shared objects kept).
   * A change of the format makes old values unreadable.
   */
  static final int FORMAT = 1;

  /**
   * The first byte of a serialized value in which no object occurs twice, written as FORMAT is
   * but without references.
   */
  static final int TREE = 2;

  /**
   * The deepest nesting Kryo may write or read (its writes and reads recurse). Deeper graphs are
   * refused before the thread's stack runs out: a StackOverflowError can strike inside a JDK class's
   * static initializer and leave that class unusable for the whole process. Measured on JDK 17,
   * interpreted (the largest frames): a chain of 600 user objects wrote and read back on a 512 KiB
   * thread stack, one of 1,000 overflowed it; 500 leaves the caller room of its own.
   */
  static final int MAX_DEPTH = 500;

  static {
    UnsafeFreeKryo.load();
  }

  /**
   * The generated serializer of each record class, empty where none can be defined. Stateless,
   * so shared by every pooled Kryo; kept on the class, so it pins no class loader.
   */
  private static final ClassValue<Optional<Serializer<?>>> RECORD_SERIALIZERS =
      new ClassValue<>() {
        @Override
        protected Optional<Serializer<?>> computeValue(Class<?> type) {
          return Optional.ofNullable(RecordSerializerClasses.define(type));
        }
      };

  private static final Pool<StoringKryo> KRYOS =
      new Pool<>(true, false, 4 * Runtime.getRuntime().availableProcessors()) {
        @Override
        protected StoringKryo create() {
          return new StoringKryo();
        }
      };

  private StoredValues() {}

  /**
   * Returns the serialized form of a value, to be stored.
   *
   * @param value the value, possibly null
   * @return the bytes, starting with a format byte
   * @throws UnstorableValueException when the value, or something inside it, cannot be stored
   */
  public static byte[] serialize(Object value) {
    StoringKryo kryo = KRYOS.obtain();
    try (Output output = new Output(256, -1)) {
      output.writeByte(FORMAT);
      kryo.references().startWriting();
      kryo.writeClassAndObject(output, value);
      if (kryo.references().sawBackReference()) {
        return output.toBytes();
      }
      output.reset();
      output.writeByte(TREE);
      kryo.setReferences(false);
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } catch (UnstorableValueException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      UnstorableValueException cause = causeOfType(e, UnstorableValueException.class);
      throw cause != null ? cause : new UnstorableValueException(typeOf(value), e);
    } finally {
      kryo.reset();
      kryo.setReferences(true);
      KRYOS.free(kryo);
    }
  }

  /**
   * Returns the value that {@link #serialize} turned into these bytes, read with the classes the
   * loader sees now.
   *
   * @param bytes the serialized form, already authenticated by the store
   * @param loader the class loader of the method's declaring class
   * @return the value, possibly null
   * @throws UnreadableValueException when the bytes are truncated or of another format, or the
   *     value's classes are gone or have changed since it was stored
   */
  public static Object deserialize(byte[] bytes, ClassLoader loader) {
    if (bytes.length == 0 || (bytes[0] != FORMAT && bytes[0] != TREE)) {
      throw new UnreadableValueException(
          "not a stored value of format " + FORMAT + " or " + TREE + " (" + bytes.length + " bytes)",
          null);
    }
    StoringKryo kryo = KRYOS.obtain();
    try {
      kryo.setClassLoader(loader);
      kryo.setReferences(bytes[0] == FORMAT);
      Input input = new Input(bytes, 1, bytes.length - 1);
      Object value = kryo.readClassAndObject(input);
      if (input.position() != bytes.length) {
        throw new UnreadableValueException(
            (bytes.length - input.position()) + " bytes follow the stored value", null);
      }
      return value;
    } catch (UnreadableValueException e) {
      throw e;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      UnreadableValueException cause = causeOfType(e, UnreadableValueException.class);
      throw cause != null
          ? cause
          : new UnreadableValueException(UnstorableValueException.firstLine(e), e);
    } finally {
      kryo.reset();
      kryo.setReferences(true);
      kryo.setClassLoader(StoredValues.class.getClassLoader());
      KRYOS.free(kryo);
    }
  }

  private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  private static Class<?> typeOf(Object value) {
    return value == null ? Object.class : value.getClass();
  }

  /** A Kryo that writes and reads the shapes SPEC section 5 lists, and refuses the rest. */
  private static final class StoringKryo extends Kryo {
    StoringKryo() {
      super(new ShapeCheckingResolver(), new BackReferenceWatch());
      setRegistrationRequired(false);
      setReferences(true);
      setMaxDepth(MAX_DEPTH);
      setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
      ImmutableCollectionsSerializers.addDefaultSerializers(this);
      JdkWrappers.register(this);
      addDefaultSerializer(Arrays.asList().getClass(), new ArraysAsList());
      addDefaultSerializer(UUID.class, new UuidSerializer());
      Singletons.register(this);
    }

    BackReferenceWatch references() {
      return (BackReferenceWatch) getReferenceResolver();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Serializer getDefaultSerializer(Class type) {
      if (OpaqueTypes.isOpaque(type)) {
        return new Refusing(type, "it is a handle on the running process, not data");
      }
      if (type.isEnum()) {
        return new EnumNameSerializer(type);
      }
      if (type == EnumMap.class) {
        return new EnumMapByName();
      }
      Serializer serializer;
      try {
        serializer = super.getDefaultSerializer(type);
      } catch (RuntimeException e) {
        // A FieldSerializer for a JDK class fails as it opens the class's private fields.
        return new Refusing(type, "Kryo cannot serialize it without the JDK's private state: " + e);
      }
      Class<?> chosen = serializer.getClass();
      if (chosen == RecordSerializer.class) {
        return RECORD_SERIALIZERS.get(type).orElse(serializer);
      }
      if (chosen == JavaSerializer.class || chosen == ExternalizableSerializer.class) {
        return new Refusing(type, "it would need Java serialization");
      }
      if (chosen == FieldSerializer.class && isJdkClass(type)) {
        if (isInternalJdkClass(type)
            && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))) {
          return JdkWrappers.views();
        }
        return new Refusing(type, "it is a JDK class whose state is private to the JDK");
      }
      if ((chosen == CollectionSerializer.class || chosen == MapSerializer.class)
          && isInternalJdkClass(type)) {
        return JdkWrappers.views();
      }
      return serializer;
    }

    private static boolean isJdkClass(Class<?> type) {
      String name = type.getName();
      return name.startsWith("java.")
          || name.startsWith("javax.")
          || name.startsWith("jdk.")
          || name.startsWith("sun.");
    }

    /** A JDK class whose instances Kryo could only rebuild by reflecting into private state. */
    private static boolean isInternalJdkClass(Class<?> type) {
      if (!isJdkClass(type)) {
        return false;
      }
      if (!Modifier.isPublic(type.getModifiers())) {
        return true;
      }
      try {
        return !Modifier.isPublic(type.getConstructor().getModifiers());
      } catch (NoSuchMethodException e) {
        return true;
      }
    }
  }

  /** Kryo's reference tracking, which also tells whether a write met any object twice. */
  private static final class BackReferenceWatch extends MapReferenceResolver {
    private boolean sawBackReference;

    void startWriting() {
      sawBackReference = false;
    }

    boolean sawBackReference() {
      return sawBackReference;
    }

    @Override
    public int getWrittenId(Object object) {
      int id = super.getWrittenId(object);
      if (id != -1) {
        sawBackReference = true;
      }
      return id;
    }
  }

  /**
   * Names classes as Kryo's default resolver does, plus a digest of each named class's stored
   * shape, checked when read; keeps implicit registrations on the classes themselves.
   */
  private static final class ShapeCheckingResolver extends DefaultClassResolver {
    private final ClassValue<Registration> implicitRegistrations =
        new ClassValue<>() {
          @Override
          protected Registration computeValue(Class<?> type) {
            return new Registration(type, kryo.getDefaultSerializer(type), NAME);
          }
        };

    private final ClassValue<Long> shapes =
        new ClassValue<>() {
          @Override
          protected Long computeValue(Class<?> type) {
            return shapeOf(type, kryo.getRegistration(type).getSerializer());
          }
        };

    @Override
    @SuppressWarnings("rawtypes")
    public Registration registerImplicit(Class type) {
      return implicitRegistrations.get(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected void writeName(Output output, Class type, Registration registration) {
      output.writeVarInt(NAME + 2, true);
      if (classToNameId != null) {
        int nameId = classToNameId.get(type, -1);
        if (nameId != -1) {
          output.writeVarInt(nameId, true);
          return;
        }
      }
      int nameId = nextNameId++;
      if (classToNameId == null) {
        classToNameId = new IdentityObjectIntMap<>();
      }
      classToNameId.put(type, nameId);
      output.writeVarInt(nameId, true);
      output.writeString(type.getName());
      output.writeLong(shapes.get(type));
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Registration readName(Input input) {
      int nameId = input.readVarInt(true);
      if (nameIdToClass == null) {
        nameIdToClass = new IntMap<>();
      }
      Class type = nameIdToClass.get(nameId);
      if (type == null) {
        String name = input.readString();
        long shape = input.readLong();
        try {
          type = Class.forName(name, false, kryo.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          throw new UnreadableValueException("class " + name + " is gone", e);
        }
        if (shapes.get(type) != shape) {
          throw new UnreadableValueException(
              "class " + name + " has changed since the value was stored", null);
        }
        nameIdToClass.put(nameId, type);
      }
      return kryo.getRegistration(type);
    }

    /**
     * Digests what the bytes of a class depend on: a record's components, the fields a
     * FieldSerializer writes (in its order), with their types; 0 for classes written by a
     * serializer of their own, whose format is Kryo's and the JDK's.
     */
    private static long shapeOf(Class<?> type, Serializer<?> serializer) {
      StringBuilder shape = new StringBuilder();
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          shape.append(component.getName()).append(':').append(component.getType().getName());
          shape.append(';');
        }
      } else if (serializer instanceof FieldSerializer<?> fields) {
        for (FieldSerializer.CachedField field : fields.getFields()) {
          shape.append(field.getField().getDeclaringClass().getName()).append('.');
          shape.append(field.getName()).append(':').append(field.getField().getType().getName());
          shape.append(';');
        }
      } else {
        return 0;
      }
      try {
        byte[] sha =
            MessageDigest.getInstance("SHA-256")
                .digest(shape.toString().getBytes(StandardCharsets.UTF_8));
        long digest = 0;
        for (int i = 0; i < 8; i++) {
          digest = (digest << 8) | (sha[i] & 0xFF);
        }
        return digest;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }
  }

  /** Refuses a class wherever it sits in the value. */
  private static final class Refusing extends Serializer<Object> {
    private final Class<?> type;
    private final String reason;

    Refusing(Class<?> type, String reason) {
      this.type = type;
      this.reason = reason;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
      throw new UnstorableValueException(type, reason);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> ignored) {
      throw new UnreadableValueException(type.getName() + " cannot be stored: " + reason, null);
    }
  }

  /** A UUID by its two longs (Kryo has no serializer of its own for it). */
  private static final class UuidSerializer extends Serializer<UUID> {
    UuidSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, UUID uuid) {
      output.writeLong(uuid.getMostSignificantBits());
      output.writeLong(uuid.getLeastSignificantBits());
    }

    @Override
    public UUID read(Kryo kryo, Input input, Class<? extends UUID> type) {
      return new UUID(input.readLong(), input.readLong());
    }
  }

  /** Arrays.asList: its elements as an array, read back as Arrays.asList of that array. */
  private static final class ArraysAsList extends Serializer<List<?>> {
    @Override
    public void write(Kryo kryo, Output output, List<?> list) {
      kryo.writeClassAndObject(output, list.toArray());
    }

    @Override
    public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
      return Arrays.asList((Object[]) kryo.readClassAndObject(input));
    }
  }

  /** An EnumMap: its key type and entries, keys by constant name. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class EnumMapByName extends Serializer<EnumMap> {
    @Override
    public void write(Kryo kryo, Output output, EnumMap map) {
      if (map.isEmpty()) {
        throw new UnstorableValueException(
            EnumMap.class, "an empty EnumMap keeps its key type private");
      }
      Class<?> keyType = ((Enum<?>) map.keySet().iterator().next()).getDeclaringClass();
      kryo.writeClass(output, keyType);
      output.writeVarInt(map.size(), true);
      for (Object entry : map.entrySet()) {
        Map.Entry<Enum<?>, Object> e = (Map.Entry<Enum<?>, Object>) entry;
        output.writeString(e.getKey().name());
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    @Override
    public EnumMap read(Kryo kryo, Input input, Class<? extends EnumMap> type) {
      Class keyType = kryo.readClass(input).getType();
      EnumMap map = new EnumMap(keyType);
      kryo.reference(map);
      int size = input.readVarInt(true);
      for (int i = 0; i < size; i++) {
        map.put(Enum.valueOf(keyType, input.readString()), kryo.readClassAndObject(input));
      }
      return map;
    }
  }

  /** JDK singletons that values hold (comparators of sorted collections): stored by identity. */
  private static final class Singletons {
    private Singletons() {}

    static void register(Kryo kryo) {
      for (Object singleton :
          List.of(Collections.reverseOrder(), String.CASE_INSENSITIVE_ORDER)) {
        kryo.addDefaultSerializer(singleton.getClass(), new Singleton(singleton));
      }
      Comparator<String> natural = Comparator.naturalOrder();
      kryo.addDefaultSerializer(
          Collections.reverseOrder(natural).getClass(), new ReversedComparator());
    }
  }

  private static final class Singleton extends Serializer<Object> {
    private final Object instance;

    Singleton(Object instance) {
      super(false, true);
      this.instance = instance;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {}

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      return instance;
    }
  }

  /** Collections.reverseOrder(comparator): the comparator it reverses. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ReversedComparator extends Serializer<Comparator<?>> {
    @Override
    public void write(Kryo kryo, Output output, Comparator<?> reversed) {
      kryo.writeClassAndObject(output, reversed.reversed());
    }

    @Override
    public Comparator<?> read(Kryo kryo, Input input, Class<? extends Comparator<?>> type) {
      return Collections.reverseOrder((Comparator) kryo.readClassAndObject(input));
    }
  }
}
