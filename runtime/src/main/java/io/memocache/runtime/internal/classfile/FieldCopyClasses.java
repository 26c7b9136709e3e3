package io.memocache.runtime.internal.classfile;

import com.esotericsoftware.kryo.Kryo;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

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
 * touch. FieldCopier copies the rest reflectively. The class file is written with ASM (the
 * class-file writer the JVM world, Kryo's own reflectasm included, relies on), which computes the
 * stack sizes; the code has no branches, so it needs no stack map frames.
 *
 * Defining the class needs the user class's package to be open to memocache (always so on the
 * class path) and memocache's classes visible from its class loader; where either fails,
 * FieldCopier keeps to reflection, silently: that is expected. Any other failure (a VerifyError,
 * a malformed class file) is a bug in this class. With the system property
 * memocache.strictCopiers=true, which the build's tests set, it fails the copy loudly; in
 * production the class falls back to reflection and the first such failure is logged.
 */

/**
 * Defines, per user class, a hidden class that copies its fields like hand-written code: the
 * class-file writer's facade. For memocache's own use.
 */
public final class FieldCopyClasses {
  private static final String COPY_DESCRIPTOR =
      Type.getMethodDescriptor(
          Type.VOID_TYPE, Type.getType(Object.class), Type.getType(Object.class),
          Type.getType(Kryo.class));
  private static final String UNSAFE_CLASS = "sun/misc/Unsafe";
  private static final String UNSAFE_DESCRIPTOR = "L" + UNSAFE_CLASS + ";";

  /** Whether a copier that fails to define fails the copy (tests) instead of falling back. */
  private static final boolean STRICT = Boolean.getBoolean("memocache.strictCopiers");
  private static final System.Logger LOGGER = System.getLogger(FieldCopyClasses.class.getName());
  /** Whether a fallback has been logged: once is enough to report the bug. */
  private static volatile boolean logged;

  /** How a generated copier creates the instances it fills. */
  public enum Instantiation {
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
   *
   * @param unsafe the sun.misc.Unsafe that allocates instances without a constructor, or null
   *     where the JVM offers none (the copy engine decides which, in one place)
   */
  public static boolean canAllocate(Class<?> type, Object unsafe) {
    return unsafe != null && type.getModule().canRead(unsafe.getClass().getModule());
  }

  /**
   * Returns the fields a generated copier can copy: non-static, non-final, non-synthetic fields
   * the class declares itself.
   */
  public static List<Field> coverable(Class<?> type, Field[] fields) {
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
   * @param unsafe the sun.misc.Unsafe given to {@link #canAllocate}, which copiers that allocate
   *     keep as their class data
   */
  public static FieldCopy define(
      Class<?> type,
      List<Field> fields,
      List<Boolean> shared,
      Instantiation instantiation,
      Object unsafe) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      byte[] bytes = classBytes(type, fields, shared, instantiation);
      MethodHandles.Lookup.ClassOption nestmate = MethodHandles.Lookup.ClassOption.NESTMATE;
      Class<?> copier =
          (instantiation == Instantiation.ALLOCATION
                  ? lookup.defineHiddenClassWithClassData(
                      bytes, unsafe, true, nestmate)
                  : lookup.defineHiddenClass(bytes, true, nestmate))
              .lookupClass();
      return (FieldCopy) copier.getDeclaredConstructor().newInstance();
    } catch (IllegalAccessException | NoClassDefFoundError e) {
      return null; // the package is not open to memocache, or its loader cannot see memocache
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return failed(type, e, STRICT);
    }
  }

  /**
   * Handles a copier that should have been defined and was not: a bug here. Strictly, fails;
   * otherwise returns null (FieldCopier reflects) and logs the first such failure.
   */
  static FieldCopy failed(Class<?> type, Throwable failure, boolean strict) {
    return failed(type, "field copier", "copying its instances by reflection", failure, strict);
  }

  /**
   * Handles a generated class that should have been defined and was not (this package's classes
   * share it): with memocache.strictCopiers, fails; otherwise returns null, so that the caller
   * falls back to its reflective path, and logs the first such failure.
   *
   * @param what what was to be defined, for the message ("field copier")
   * @param fallback what the caller does instead, for the message
   */
  static <T> T failed(Class<?> type, String what, String fallback, Throwable failure) {
    return failed(type, what, fallback, failure, STRICT);
  }

  private static <T> T failed(
      Class<?> type, String what, String fallback, Throwable failure, boolean strict) {
    String message = "memocache could not define the " + what + " of " + type.getName();
    if (strict) {
      throw new IllegalStateException(message, failure);
    }
    if (!logged) {
      logged = true;
      LOGGER.log(
          System.Logger.Level.WARNING,
          message + "; " + fallback + " instead (slower). Please report this.",
          failure);
    }
    return null;
  }

  static byte[] classBytes(
      Class<?> type, List<Field> fields, List<Boolean> shared, Instantiation instantiation) {
    String owner = Type.getInternalName(type);
    String name = owner + "$MemoFieldCopy";
    ClassWriter file = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    file.visit(
        Opcodes.V17,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        name,
        null,
        "java/lang/Object",
        new String[] {Type.getInternalName(FieldCopy.class)});

    // public <init>() { super(); }
    MethodVisitor constructor = file.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    constructor.visitCode();
    constructor.visitVarInsn(Opcodes.ALOAD, 0);
    constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    constructor.visitInsn(Opcodes.RETURN);
    constructor.visitMaxs(0, 0);
    constructor.visitEnd();

    // public void copy(Object original, Object copy, Kryo kryo)
    MethodVisitor copy = file.visitMethod(Opcodes.ACC_PUBLIC, "copy", COPY_DESCRIPTOR, null, null);
    copy.visitCode();
    copy.visitVarInsn(Opcodes.ALOAD, 1);
    copy.visitTypeInsn(Opcodes.CHECKCAST, owner);
    copy.visitVarInsn(Opcodes.ASTORE, 1); // original = (Owner) original
    copy.visitVarInsn(Opcodes.ALOAD, 2);
    copy.visitTypeInsn(Opcodes.CHECKCAST, owner);
    copy.visitVarInsn(Opcodes.ASTORE, 2); // copy = (Owner) copy
    String kryo = Type.getInternalName(Kryo.class);
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      String descriptor = Type.getDescriptor(field.getType());
      boolean deep = !field.getType().isPrimitive() && !shared.get(i);
      copy.visitVarInsn(Opcodes.ALOAD, 2); // the copy
      if (deep) {
        copy.visitVarInsn(Opcodes.ALOAD, 3); // kryo
      }
      copy.visitVarInsn(Opcodes.ALOAD, 1);
      copy.visitFieldInsn(Opcodes.GETFIELD, owner, field.getName(), descriptor);
      if (deep) {
        copy.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL, kryo, "copy", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        copy.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(field.getType()));
      }
      copy.visitFieldInsn(Opcodes.PUTFIELD, owner, field.getName(), descriptor);
    }
    copy.visitInsn(Opcodes.RETURN);
    copy.visitMaxs(0, 0);
    copy.visitEnd();

    if (instantiation == Instantiation.ALLOCATION) {
      file.visitField(
              Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
              "UNSAFE",
              UNSAFE_DESCRIPTOR,
              null,
              null)
          .visitEnd();
      // static { UNSAFE = MethodHandles.classData(MethodHandles.lookup(), "_", Unsafe.class); }
      MethodVisitor initializer =
          file.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
      initializer.visitCode();
      initializer.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "java/lang/invoke/MethodHandles",
          "lookup",
          "()Ljava/lang/invoke/MethodHandles$Lookup;",
          false);
      initializer.visitLdcInsn("_");
      initializer.visitLdcInsn(Type.getObjectType(UNSAFE_CLASS));
      initializer.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "java/lang/invoke/MethodHandles",
          "classData",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)"
              + "Ljava/lang/Object;",
          false);
      initializer.visitTypeInsn(Opcodes.CHECKCAST, UNSAFE_CLASS);
      initializer.visitFieldInsn(Opcodes.PUTSTATIC, name, "UNSAFE", UNSAFE_DESCRIPTOR);
      initializer.visitInsn(Opcodes.RETURN);
      initializer.visitMaxs(0, 0);
      initializer.visitEnd();
      // public Object newInstance() { return UNSAFE.allocateInstance(Owner.class); }
      MethodVisitor allocate =
          file.visitMethod(Opcodes.ACC_PUBLIC, "newInstance", "()Ljava/lang/Object;", null, null);
      allocate.visitCode();
      allocate.visitFieldInsn(Opcodes.GETSTATIC, name, "UNSAFE", UNSAFE_DESCRIPTOR);
      allocate.visitLdcInsn(Type.getObjectType(owner));
      allocate.visitMethodInsn(
          Opcodes.INVOKEVIRTUAL,
          UNSAFE_CLASS,
          "allocateInstance",
          "(Ljava/lang/Class;)Ljava/lang/Object;",
          false);
      allocate.visitInsn(Opcodes.ARETURN);
      allocate.visitMaxs(0, 0);
      allocate.visitEnd();
    } else if (instantiation == Instantiation.CONSTRUCTOR) {
      // public Object newInstance() { return new Owner(); }
      MethodVisitor construct =
          file.visitMethod(Opcodes.ACC_PUBLIC, "newInstance", "()Ljava/lang/Object;", null, null);
      construct.visitCode();
      construct.visitTypeInsn(Opcodes.NEW, owner);
      construct.visitInsn(Opcodes.DUP);
      construct.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", "()V", false);
      construct.visitInsn(Opcodes.ARETURN);
      construct.visitMaxs(0, 0);
      construct.visitEnd();
    }
    file.visitEnd();
    return file.toByteArray();
  }
}
