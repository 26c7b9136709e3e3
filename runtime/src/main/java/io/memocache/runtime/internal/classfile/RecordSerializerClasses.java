package io.memocache.runtime.internal.classfile;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/*
 * Design note: Kryo's RecordSerializer reads a record by boxing every component into an Object[]
 * and calling the canonical constructor reflectively, and writes it by a Method.invoke per
 * component, each primitive then boxed and looked up in Kryo's registrations. Measured on a
 * stored List of 1,000 records (int, String, double), that was about 170 ns a record, most of it
 * boxing and reflection. Per record class, this defines a hidden class, a nestmate of the record
 * (so private records and constructors are reachable), whose read and write are the straight-line
 * code one would write by hand: primitives read into locals of their own type and the canonical
 * constructor called with them, accessors called directly on write.
 *
 * The bytes are exactly Kryo's RecordSerializer's, so values stored before read the same after and
 * the stored format does not change: components in name order; a primitive as Kryo's default
 * serializer of its wrapper writes it (a wrapper has no reference marker); a component of a final
 * type (or an array of one) by writeObjectOrNull with that type, any other by writeClassAndObject.
 * A test compares the two byte for byte.
 *
 * A String component is written and read with a String serializer of the class's own, where
 * Kryo would look its registration up on every call (a hash lookup per string, a fifth of the
 * time of reading a list of rows); Kryo's is stateless and its registration for String is never
 * replaced here, so the bytes are the same.
 *
 * Defining the class needs what FieldCopyClasses needs (the record's package open to memocache,
 * memocache's Kryo visible from the record's class loader); where that fails, the caller keeps
 * Kryo's RecordSerializer. Other failures are bugs, handled as FieldCopyClasses handles them.
 */

/**
 * Defines, per record class, a Kryo serializer that reads and writes it like hand-written code,
 * byte-compatible with Kryo's {@code RecordSerializer}. For memocache's own use.
 */
public final class RecordSerializerClasses {
  private static final String KRYO = Type.getInternalName(Kryo.class);
  private static final String INPUT = Type.getInternalName(Input.class);
  private static final String OUTPUT = Type.getInternalName(Output.class);
  private static final String SERIALIZER = Type.getInternalName(Serializer.class);
  private static final String STRING_SERIALIZER =
      Type.getInternalName(DefaultSerializers.StringSerializer.class);
  /** The generated class's static field holding its String serializer. */
  private static final String STRINGS = "STRINGS";
  private static final String OBJECT = Type.getDescriptor(Object.class);
  private static final String CLASS = Type.getDescriptor(Class.class);
  private static final String WRITE_DESCRIPTOR =
      "(" + Type.getDescriptor(Kryo.class) + Type.getDescriptor(Output.class) + OBJECT + ")V";
  private static final String READ_DESCRIPTOR =
      "(" + Type.getDescriptor(Kryo.class) + Type.getDescriptor(Input.class) + CLASS + ")" + OBJECT;

  private RecordSerializerClasses() {}

  /**
   * Defines a serializer of the record class, or returns null when the record's package is not
   * open to memocache or its class loader cannot see memocache's Kryo.
   *
   * @param type a record class
   * @return a stateless serializer, which may be shared by Kryo instances and threads
   * @throws IllegalArgumentException if {@code type} is not a record
   */
  public static Serializer<?> define(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException("not a record: " + type.getName());
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      byte[] bytes = classBytes(type);
      Class<?> serializer =
          lookup
              .defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE)
              .lookupClass();
      if (serializer.getSuperclass() != Serializer.class) {
        return null; // the record's class loader sees a Kryo of its own
      }
      return (Serializer<?>) serializer.getDeclaredConstructor().newInstance();
    } catch (IllegalAccessException | NoClassDefFoundError e) {
      return null; // the package is not open to memocache, or its loader cannot see memocache
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return FieldCopyClasses.failed(
          type, "record serializer", "storing it with Kryo's RecordSerializer", e);
    }
  }

  static byte[] classBytes(Class<?> type) {
    String owner = Type.getInternalName(type);
    String name = owner + "$MemoRecordSerializer";
    RecordComponent[] canonical = type.getRecordComponents();
    RecordComponent[] byName = canonical.clone();
    Arrays.sort(byName, Comparator.comparing(RecordComponent::getName));

    ClassWriter file = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    file.visit(
        Opcodes.V17,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        name,
        null,
        SERIALIZER,
        null);

    // public <init>() { super(false, true); }: no nulls (Kryo handles them), immutable
    MethodVisitor constructor = file.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    constructor.visitCode();
    constructor.visitVarInsn(Opcodes.ALOAD, 0);
    constructor.visitInsn(Opcodes.ICONST_0);
    constructor.visitInsn(Opcodes.ICONST_1);
    constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, SERIALIZER, "<init>", "(ZZ)V", false);
    constructor.visitInsn(Opcodes.RETURN);
    constructor.visitMaxs(0, 0);
    constructor.visitEnd();

    addStrings(file, name);
    addWrite(file, name, owner, byName);
    addRead(file, name, owner, canonical, byName);
    file.visitEnd();
    return file.toByteArray();
  }

  /** {@code static final Serializer STRINGS = new DefaultSerializers.StringSerializer();} */
  private static void addStrings(ClassWriter file, String name) {
    String descriptor = "L" + SERIALIZER + ";";
    file.visitField(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
            STRINGS,
            descriptor,
            null,
            null)
        .visitEnd();
    MethodVisitor initializer =
        file.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    initializer.visitCode();
    initializer.visitTypeInsn(Opcodes.NEW, STRING_SERIALIZER);
    initializer.visitInsn(Opcodes.DUP);
    initializer.visitMethodInsn(Opcodes.INVOKESPECIAL, STRING_SERIALIZER, "<init>", "()V", false);
    initializer.visitFieldInsn(Opcodes.PUTSTATIC, name, STRINGS, descriptor);
    initializer.visitInsn(Opcodes.RETURN);
    initializer.visitMaxs(0, 0);
    initializer.visitEnd();
  }

  /** {@code write(Kryo kryo, Output output, Object object)}: components in name order. */
  private static void addWrite(
      ClassWriter file, String name, String owner, RecordComponent[] byName) {
    MethodVisitor write =
        file.visitMethod(Opcodes.ACC_PUBLIC, "write", WRITE_DESCRIPTOR, null, null);
    write.visitCode();
    write.visitVarInsn(Opcodes.ALOAD, 3);
    write.visitTypeInsn(Opcodes.CHECKCAST, owner);
    write.visitVarInsn(Opcodes.ASTORE, 3); // object = (Owner) object
    for (RecordComponent component : byName) {
      Class<?> type = component.getType();
      String descriptor = Type.getDescriptor(type);
      if (type.isPrimitive()) {
        write.visitVarInsn(Opcodes.ALOAD, 2); // output
        accessor(write, owner, component);
        Primitive primitive = Primitive.of(type);
        if (primitive.optimizePositive) {
          write.visitInsn(Opcodes.ICONST_0); // false: zig-zag, as Kryo's wrapper serializers
        }
        write.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL, OUTPUT, primitive.write, primitive.writeDescriptor, false);
        if (primitive.writeReturnsInt) {
          write.visitInsn(Opcodes.POP);
        }
      } else if (type == String.class) {
        // kryo.writeObjectOrNull(output, object.component(), STRINGS)
        write.visitVarInsn(Opcodes.ALOAD, 1);
        write.visitVarInsn(Opcodes.ALOAD, 2);
        accessor(write, owner, component);
        write.visitFieldInsn(Opcodes.GETSTATIC, name, STRINGS, "L" + SERIALIZER + ";");
        write.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL,
            KRYO,
            "writeObjectOrNull",
            "(L" + OUTPUT + ";" + OBJECT + "L" + SERIALIZER + ";)V",
            false);
      } else if (isFinal(type)) {
        // kryo.writeObjectOrNull(output, object.component(), Type.class)
        write.visitVarInsn(Opcodes.ALOAD, 1);
        write.visitVarInsn(Opcodes.ALOAD, 2);
        accessor(write, owner, component);
        write.visitLdcInsn(Type.getType(descriptor));
        write.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL,
            KRYO,
            "writeObjectOrNull",
            "(L" + OUTPUT + ";" + OBJECT + CLASS + ")V",
            false);
      } else {
        // kryo.writeClassAndObject(output, object.component())
        write.visitVarInsn(Opcodes.ALOAD, 1);
        write.visitVarInsn(Opcodes.ALOAD, 2);
        accessor(write, owner, component);
        write.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL,
            KRYO,
            "writeClassAndObject",
            "(L" + OUTPUT + ";" + OBJECT + ")V",
            false);
      }
    }
    write.visitInsn(Opcodes.RETURN);
    write.visitMaxs(0, 0);
    write.visitEnd();
  }

  private static void accessor(MethodVisitor method, String owner, RecordComponent component) {
    method.visitVarInsn(Opcodes.ALOAD, 3);
    method.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        owner,
        component.getName(),
        "()" + Type.getDescriptor(component.getType()),
        false);
  }

  /**
   * {@code read(Kryo kryo, Input input, Class type)}: components in name order into locals, then
   * {@code new Owner(...)} with them in canonical order.
   */
  private static void addRead(
      ClassWriter file,
      String name,
      String owner,
      RecordComponent[] canonical,
      RecordComponent[] byName) {
    MethodVisitor read = file.visitMethod(Opcodes.ACC_PUBLIC, "read", READ_DESCRIPTOR, null, null);
    read.visitCode();
    int[] slots = new int[canonical.length]; // by canonical index
    int next = 4; // this, kryo, input, type
    for (int i = 0; i < canonical.length; i++) {
      slots[i] = next;
      next += Type.getType(canonical[i].getType()).getSize();
    }
    for (RecordComponent component : byName) {
      Class<?> type = component.getType();
      Type asm = Type.getType(type);
      if (type.isPrimitive()) {
        Primitive primitive = Primitive.of(type);
        read.visitVarInsn(Opcodes.ALOAD, 2); // input
        if (primitive.optimizePositive) {
          read.visitInsn(Opcodes.ICONST_0); // false: zig-zag, as Kryo's wrapper serializers
        }
        read.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL, INPUT, primitive.read, primitive.readDescriptor, false);
      } else if (type == String.class) {
        // (String) kryo.readObjectOrNull(input, String.class, STRINGS)
        read.visitVarInsn(Opcodes.ALOAD, 1);
        read.visitVarInsn(Opcodes.ALOAD, 2);
        read.visitLdcInsn(asm);
        read.visitFieldInsn(Opcodes.GETSTATIC, name, STRINGS, "L" + SERIALIZER + ";");
        read.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL,
            KRYO,
            "readObjectOrNull",
            "(L" + INPUT + ";" + CLASS + "L" + SERIALIZER + ";)" + OBJECT,
            false);
        read.visitTypeInsn(Opcodes.CHECKCAST, asm.getInternalName());
      } else if (isFinal(type)) {
        // (Type) kryo.readObjectOrNull(input, Type.class)
        read.visitVarInsn(Opcodes.ALOAD, 1);
        read.visitVarInsn(Opcodes.ALOAD, 2);
        read.visitLdcInsn(asm);
        read.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL,
            KRYO,
            "readObjectOrNull",
            "(L" + INPUT + ";" + CLASS + ")" + OBJECT,
            false);
        read.visitTypeInsn(Opcodes.CHECKCAST, asm.getInternalName());
      } else {
        // (Type) kryo.readClassAndObject(input)
        read.visitVarInsn(Opcodes.ALOAD, 1);
        read.visitVarInsn(Opcodes.ALOAD, 2);
        read.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL, KRYO, "readClassAndObject", "(L" + INPUT + ";)" + OBJECT, false);
        read.visitTypeInsn(Opcodes.CHECKCAST, asm.getInternalName());
      }
      read.visitVarInsn(asm.getOpcode(Opcodes.ISTORE), slots[indexOf(canonical, component)]);
    }
    read.visitTypeInsn(Opcodes.NEW, owner);
    read.visitInsn(Opcodes.DUP);
    StringBuilder descriptor = new StringBuilder("(");
    for (int i = 0; i < canonical.length; i++) {
      Type asm = Type.getType(canonical[i].getType());
      read.visitVarInsn(asm.getOpcode(Opcodes.ILOAD), slots[i]);
      descriptor.append(asm.getDescriptor());
    }
    read.visitMethodInsn(
        Opcodes.INVOKESPECIAL, owner, "<init>", descriptor.append(")V").toString(), false);
    read.visitInsn(Opcodes.ARETURN);
    read.visitMaxs(0, 0);
    read.visitEnd();
  }

  private static int indexOf(RecordComponent[] canonical, RecordComponent component) {
    for (int i = 0; i < canonical.length; i++) {
      if (canonical[i].getName().equals(component.getName())) {
        return i;
      }
    }
    throw new IllegalStateException("no component " + component.getName());
  }

  /** Kryo's isFinal: a final class, or an array of one (primitives are final). */
  private static boolean isFinal(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    return Modifier.isFinal(element.getModifiers());
  }

  /** How Kryo's default serializer of each primitive's wrapper writes and reads it. */
  private enum Primitive {
    BOOLEAN(boolean.class, "writeBoolean", "(Z)V", "readBoolean", "()Z", false),
    BYTE(byte.class, "writeByte", "(B)V", "readByte", "()B", false),
    CHAR(char.class, "writeChar", "(C)V", "readChar", "()C", false),
    SHORT(short.class, "writeShort", "(I)V", "readShort", "()S", false),
    INT(int.class, "writeInt", "(IZ)I", "readInt", "(Z)I", true),
    LONG(long.class, "writeVarLong", "(JZ)I", "readVarLong", "(Z)J", true),
    FLOAT(float.class, "writeFloat", "(F)V", "readFloat", "()F", false),
    DOUBLE(double.class, "writeDouble", "(D)V", "readDouble", "()D", false);

    final Class<?> type;
    final String write;
    final String writeDescriptor;
    final String read;
    final String readDescriptor;
    /** Whether the methods take Kryo's optimizePositive flag (false) and write returns a size. */
    final boolean optimizePositive;
    final boolean writeReturnsInt;

    Primitive(
        Class<?> type,
        String write,
        String writeDescriptor,
        String read,
        String readDescriptor,
        boolean optimizePositive) {
      this.type = type;
      this.write = write;
      this.writeDescriptor = writeDescriptor;
      this.read = read;
      this.readDescriptor = readDescriptor;
      this.optimizePositive = optimizePositive;
      this.writeReturnsInt = writeDescriptor.endsWith(")I");
    }

    static Primitive of(Class<?> type) {
      for (Primitive primitive : values()) {
        if (primitive.type == type) {
          return primitive;
        }
      }
      throw new IllegalArgumentException("not a primitive: " + type);
    }
  }
}
