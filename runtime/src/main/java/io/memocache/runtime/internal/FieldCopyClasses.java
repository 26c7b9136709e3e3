package io.memocache.runtime.internal;

import com.esotericsoftware.kryo.Kryo;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Design note: reflective field access costs several nanoseconds per get or set, which made a
 * copy of a small bean about 15 times a hand-written one. Per user class, this defines a hidden
 * class, a nestmate of the user class (so it may read and write its private fields), whose copy
 * method is straight-line getfield/putfield code: what a hand-written copy compiles to. Where the
 * class declares a no-arg constructor (the one Kryo would call reflectively, whatever its access),
 * the hidden class also creates the copy's instance with a plain `new`. Where it declares none,
 * the hidden class allocates the instance without running a constructor, as Kryo would, through
 * sun.misc.Unsafe.allocateInstance on its own class as a constant: the JIT then compiles that to
 * the same inline allocation as `new`, where a call with the class in a variable (Objenesis's
 * instantiator) measured a fifth of a bean's copy. The hidden class gets Unsafe as its class data
 * into a static final field, so nothing outside the class can reach it. Fields of
 * final-immutable declared type are copied by reference, others through kryo.copy.
 *
 * It covers the non-final fields the class declares itself: a final field can only be written by
 * the class's own constructors, and a superclass's private fields are not the nestmate's to
 * touch. FieldCopier copies the rest reflectively. The code has no branches, so the class file
 * needs no stack map frames. Defining the class needs the user class's package to be open to
 * memocache (always so on the class path) and memocache's classes visible from its class loader;
 * where either fails, FieldCopier keeps to reflection.
 */

/** Defines, per user class, a hidden class that copies its fields like hand-written code. */
final class FieldCopyClasses {
  private static final String COPY_DESCRIPTOR =
      "(Ljava/lang/Object;Ljava/lang/Object;Lcom/esotericsoftware/kryo/Kryo;)V";
  private static final String KRYO_COPY_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";
  private static final String UNSAFE_CLASS = "sun/misc/Unsafe";

  private static final int PUBLIC = 0x0001;
  private static final int STATIC = 0x0008;

  private static final int ALOAD_0 = 0x2a;
  private static final int ALOAD_1 = 0x2b;
  private static final int ALOAD_2 = 0x2c;
  private static final int ALOAD_3 = 0x2d;
  private static final int ASTORE_1 = 0x4c;
  private static final int ASTORE_2 = 0x4d;
  private static final int DUP = 0x59;
  private static final int LDC_W = 0x13;
  private static final int ARETURN = 0xb0;
  private static final int RETURN = 0xb1;
  private static final int GETSTATIC = 0xb2;
  private static final int PUTSTATIC = 0xb3;
  private static final int GETFIELD = 0xb4;
  private static final int PUTFIELD = 0xb5;
  private static final int INVOKEVIRTUAL = 0xb6;
  private static final int INVOKESPECIAL = 0xb7;
  private static final int INVOKESTATIC = 0xb8;
  private static final int NEW = 0xbb;
  private static final int CHECKCAST = 0xc0;
  private static final String UNSAFE_DESCRIPTOR = "L" + UNSAFE_CLASS + ";";

  /** How a generated copier creates the instances it fills. */
  enum Instantiation {
    /** It does not: FieldCopier creates them. */
    NONE,
    /** Through the class's no-arg constructor, with a plain {@code new}. */
    CONSTRUCTOR,
    /** By allocation without running a constructor, as Kryo does for classes without one. */
    ALLOCATION;
  }

  private FieldCopyClasses() {}

  /**
   * Returns whether copiers of the class can allocate its instances without a constructor: the
   * JVM offers it and the class's module can read the module that exports it.
   */
  static boolean canAllocate(Class<?> type) {
    Object unsafe = ConstructorlessInstantiation.unsafe();
    return unsafe != null && type.getModule().canRead(unsafe.getClass().getModule());
  }

  /**
   * Returns the fields a generated copier can copy: non-static, non-final, non-synthetic fields
   * the class declares itself.
   */
  static List<Field> coverable(Class<?> type, Field[] fields) {
    List<Field> covered = new ArrayList<>();
    for (Field field : fields) {
      if (field.getDeclaringClass() == type && !Modifier.isFinal(field.getModifiers())) {
        covered.add(field);
      }
    }
    return covered;
  }

  /**
   * Defines a copier of the given fields of the class, or returns null when the class's package
   * is not open to memocache or its class loader cannot see memocache.
   *
   * @param shared for each field, whether its value is copied by reference
   * @param instantiation how the copier creates instances, if it does ({@link
   *     Instantiation#ALLOCATION} only where {@link #canAllocate} says so)
   */
  static FieldCopy define(
      Class<?> type, List<Field> fields, List<Boolean> shared, Instantiation instantiation) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      byte[] bytes = classBytes(type, fields, shared, instantiation);
      MethodHandles.Lookup.ClassOption nestmate = MethodHandles.Lookup.ClassOption.NESTMATE;
      Class<?> copier =
          (instantiation == Instantiation.ALLOCATION
                  ? lookup.defineHiddenClassWithClassData(
                      bytes, ConstructorlessInstantiation.unsafe(), true, nestmate)
                  : lookup.defineHiddenClass(bytes, true, nestmate))
              .lookupClass();
      return (FieldCopy) copier.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  static byte[] classBytes(
      Class<?> type, List<Field> fields, List<Boolean> shared, Instantiation instantiation) {
    ConstantPool pool = new ConstantPool();
    String owner = internalName(type);
    int thisClass = pool.classRef(owner + "$MemoFieldCopy");
    int superClass = pool.classRef("java/lang/Object");
    int copyInterface = pool.classRef(internalName(FieldCopy.class));
    int objectInit = pool.methodRef("java/lang/Object", "<init>", "()V");
    int ownerClass = pool.classRef(owner);
    int kryoCopy = pool.methodRef(internalName(Kryo.class), "copy", KRYO_COPY_DESCRIPTOR);
    int init = pool.utf8("<init>");
    int initDescriptor = pool.utf8("()V");
    int copyName = pool.utf8("copy");
    int copyDescriptor = pool.utf8(COPY_DESCRIPTOR);
    int codeName = pool.utf8("Code");
    int newInstanceName = pool.utf8("newInstance");
    int newInstanceDescriptor = pool.utf8("()Ljava/lang/Object;");
    int ownerInit = pool.methodRef(owner, "<init>", "()V");
    // Entries of the allocating variant; unused entries do no harm.
    int unsafeField = pool.fieldRef(owner + "$MemoFieldCopy", "UNSAFE", UNSAFE_DESCRIPTOR);
    int unsafeFieldName = pool.utf8("UNSAFE");
    int unsafeFieldDescriptor = pool.utf8(UNSAFE_DESCRIPTOR);
    int clinit = pool.utf8("<clinit>");
    int lookupMethod =
        pool.methodRef(
            "java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;");
    int classDataMethod =
        pool.methodRef(
            "java/lang/invoke/MethodHandles",
            "classData",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)"
                + "Ljava/lang/Object;");
    int defaultName = pool.string("_");
    int unsafeClass = pool.classRef(UNSAFE_CLASS);
    int allocateInstance =
        pool.methodRef(UNSAFE_CLASS, "allocateInstance", "(Ljava/lang/Class;)Ljava/lang/Object;");

    // public void copy(Object original, Object copy, Kryo kryo)
    Code copy = new Code();
    copy.op(ALOAD_1).op(CHECKCAST, ownerClass).op(ASTORE_1); // original = (Owner) original
    copy.op(ALOAD_2).op(CHECKCAST, ownerClass).op(ASTORE_2); // copy = (Owner) copy
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      int fieldRef = pool.fieldRef(owner, field.getName(), descriptor(field.getType()));
      boolean deep = !field.getType().isPrimitive() && !shared.get(i);
      copy.op(ALOAD_2); // the copy
      if (deep) {
        copy.op(ALOAD_3); // kryo
      }
      copy.op(ALOAD_1).op(GETFIELD, fieldRef); // the original's value
      if (deep) {
        copy.op(INVOKEVIRTUAL, kryoCopy).op(CHECKCAST, pool.classRef(classRefName(field.getType())));
      }
      copy.op(PUTFIELD, fieldRef);
    }
    copy.op(RETURN);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream file = new DataOutputStream(bytes);
    try {
      file.writeInt(0xCAFEBABE);
      file.writeShort(0);
      file.writeShort(61); // Java 17 class files
      pool.writeTo(file);
      file.writeShort(PUBLIC | 0x0010 | 0x0020); // public final super
      file.writeShort(thisClass);
      file.writeShort(superClass);
      file.writeShort(1);
      file.writeShort(copyInterface);
      boolean allocates = instantiation == Instantiation.ALLOCATION;
      if (allocates) {
        // private static final sun.misc.Unsafe UNSAFE;
        file.writeShort(1);
        file.writeShort(0x0002 | STATIC | 0x0010); // private static final
        file.writeShort(unsafeFieldName);
        file.writeShort(unsafeFieldDescriptor);
        file.writeShort(0); // attributes
      } else {
        file.writeShort(0); // fields
      }
      int methods = 2 + (instantiation == Instantiation.NONE ? 0 : 1) + (allocates ? 1 : 0);
      file.writeShort(methods);
      // public <init>() { super(); }
      Code constructor = new Code().op(ALOAD_0).op(INVOKESPECIAL, objectInit).op(RETURN);
      writeMethod(file, PUBLIC, init, initDescriptor, codeName, 1, 1, constructor);
      // max stack: copy, kryo and a long or double; max locals: this and three parameters
      writeMethod(file, PUBLIC, copyName, copyDescriptor, codeName, 4, 4, copy);
      if (allocates) {
        // static { UNSAFE = MethodHandles.classData(MethodHandles.lookup(), "_", Unsafe.class); }
        Code initializer =
            new Code()
                .op(INVOKESTATIC, lookupMethod)
                .op(LDC_W, defaultName)
                .op(LDC_W, unsafeClass)
                .op(INVOKESTATIC, classDataMethod)
                .op(CHECKCAST, unsafeClass)
                .op(PUTSTATIC, unsafeField)
                .op(RETURN);
        writeMethod(file, STATIC, clinit, initDescriptor, codeName, 3, 0, initializer);
        // public Object newInstance() { return UNSAFE.allocateInstance(Owner.class); }
        Code allocate =
            new Code()
                .op(GETSTATIC, unsafeField)
                .op(LDC_W, ownerClass)
                .op(INVOKEVIRTUAL, allocateInstance)
                .op(ARETURN);
        writeMethod(
            file, PUBLIC, newInstanceName, newInstanceDescriptor, codeName, 2, 1, allocate);
      } else if (instantiation == Instantiation.CONSTRUCTOR) {
        // public Object newInstance() { return new Owner(); }
        Code construct =
            new Code().op(NEW, ownerClass).op(DUP).op(INVOKESPECIAL, ownerInit).op(ARETURN);
        writeMethod(
            file, PUBLIC, newInstanceName, newInstanceDescriptor, codeName, 2, 1, construct);
      }
      file.writeShort(0); // class attributes
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes one method whose code has no exception table and no attributes. */
  private static void writeMethod(
      DataOutputStream file,
      int access,
      int name,
      int descriptor,
      int codeName,
      int maxStack,
      int maxLocals,
      Code code)
      throws IOException {
    byte[] bytes = code.bytes();
    file.writeShort(access);
    file.writeShort(name);
    file.writeShort(descriptor);
    file.writeShort(1); // one attribute: Code
    file.writeShort(codeName);
    file.writeInt(12 + bytes.length);
    file.writeShort(maxStack);
    file.writeShort(maxLocals);
    file.writeInt(bytes.length);
    file.write(bytes);
    file.writeShort(0); // exception table
    file.writeShort(0); // attributes
  }

  /** A method body: instructions without operands, or with one constant-pool index. */
  private static final class Code {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Code op(int opcode) {
      bytes.write(opcode);
      return this;
    }

    Code op(int opcode, int index) {
      bytes.write(opcode);
      bytes.write(index >> 8);
      bytes.write(index);
      return this;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  /** The name a CONSTANT_Class entry uses: internal name, or the descriptor for arrays. */
  private static String classRefName(Class<?> type) {
    return type.isArray() ? descriptor(type) : internalName(type);
  }

  private static String descriptor(Class<?> type) {
    if (type == int.class) {
      return "I";
    } else if (type == long.class) {
      return "J";
    } else if (type == double.class) {
      return "D";
    } else if (type == float.class) {
      return "F";
    } else if (type == boolean.class) {
      return "Z";
    } else if (type == byte.class) {
      return "B";
    } else if (type == short.class) {
      return "S";
    } else if (type == char.class) {
      return "C";
    } else if (type.isArray()) {
      return "[" + descriptor(type.getComponentType());
    }
    return "L" + internalName(type) + ";";
  }

  /** A class file's constant pool: entries are added once and numbered from 1. */
  private static final class ConstantPool {
    private final Map<String, Integer> indexes = new LinkedHashMap<>();
    private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(entries);
    private int next = 1;

    int utf8(String text) {
      return entry("U" + text, () -> {
        out.writeByte(1);
        out.writeUTF(text);
      });
    }

    int string(String text) {
      int textIndex = utf8(text);
      return entry("S" + text, () -> {
        out.writeByte(8);
        out.writeShort(textIndex);
      });
    }

    int classRef(String name) {
      int nameIndex = utf8(name);
      return entry("C" + name, () -> {
        out.writeByte(7);
        out.writeShort(nameIndex);
      });
    }

    int fieldRef(String owner, String name, String descriptor) {
      return memberRef(9, owner, name, descriptor);
    }

    int methodRef(String owner, String name, String descriptor) {
      return memberRef(10, owner, name, descriptor);
    }

    private int memberRef(int tag, String owner, String name, String descriptor) {
      int ownerIndex = classRef(owner);
      int nameIndex = utf8(name);
      int descriptorIndex = utf8(descriptor);
      int nameAndType =
          entry("N" + name + " " + descriptor, () -> {
            out.writeByte(12);
            out.writeShort(nameIndex);
            out.writeShort(descriptorIndex);
          });
      return entry(tag + owner + "." + name + " " + descriptor, () -> {
        out.writeByte(tag);
        out.writeShort(ownerIndex);
        out.writeShort(nameAndType);
      });
    }

    private interface Writer {
      void write() throws IOException;
    }

    private int entry(String identity, Writer writer) {
      Integer known = indexes.get(identity);
      if (known != null) {
        return known;
      }
      try {
        writer.write();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      indexes.put(identity, next);
      return next++;
    }

    void writeTo(DataOutputStream file) throws IOException {
      file.writeShort(next);
      entries.writeTo(file);
    }
  }
}
