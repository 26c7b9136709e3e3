package io.memocache.runtime.internal.copies;

import com.esotericsoftware.kryo.Kryo;
import io.memocache.runtime.internal.classfile.FieldCopy;
import io.memocache.runtime.internal.classfile.FieldCopyClasses;
import io.memocache.runtime.internal.types.ImmutableTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.objenesis.instantiator.ObjectInstantiator;

/*
 * Design note: Kryo's FieldSerializer copies a user object through its generic field machinery:
 * per field a cached-field object, a registration lookup and a nested kryo.copy even for a String.
 * Measured on a list of 100,000 three-field beans, that generic path costs several times a
 * hand-written copy. This serializer copies a user class through a plan computed once per class
 * (ClassValue): primitive fields by typed reflective get/set (no boxing), fields whose declared
 * type is a final immutable class (String, boxes, enums, java.time, ...) by reference, and only the
 * remaining fields through kryo.copy, which keeps reference tracking when the copy needs it.
 *
 * Where it can, the fields a class declares are copied by compiled code instead of reflection
 * (FieldCopyClasses), which is what brings a bean's copy close to a hand-written one.
 *
 * Instances are created as Kryo creates them (no-arg constructor, else without running one), but
 * without Kryo's per-object registration lookup: through the hidden class's plain `new`, or an
 * instantiator made once per class (ConstructorlessInstantiation). Transient fields
 * are copied too (a copy is the same object, not its serialized form), synthetic fields (an inner
 * class's outer instance) are left out as Kryo leaves them out, and a class whose fields
 * cannot be opened (a class of a named module that does not open its package) keeps Kryo's own
 * serializer.
 *
 * A class whose every field is primitive or of a final immutable type, and whose instances this
 * copier creates itself, is "flat" (decided once, with the plan): its copy calls no Kryo at all,
 * so copyFlat makes it without one, which saves a hit the pooled Kryo and its per-copy
 * bookkeeping (ValueCopier decides when a value is stored whether its hits take that path).
 */

/** Copies instances of one user class field by field through a plan made once per class. */
final class FieldCopier extends CopyOnlySerializer {
  private static final ClassValue<Field[]> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          List<Field> fields = new ArrayList<>();
          try {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
              for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                  field.setAccessible(true);
                  fields.add(field);
                }
              }
            }
          } catch (InaccessibleObjectException | SecurityException e) {
            return null;
          }
          return fields.toArray(new Field[0]);
        }
      };

  private static final byte COPIED = 0;
  private static final byte SHARED = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte FLOAT = 5;
  private static final byte BOOLEAN = 6;
  private static final byte BYTE = 7;
  private static final byte SHORT = 8;
  private static final byte CHAR = 9;

  private final Class<?> type;
  /** Copies the fields the class declares, non-final ones, as compiled code; or null. */
  private final FieldCopy generated;
  /** How instances are created: by the generated copier, or by FieldCopier (NONE). */
  private final FieldCopyClasses.Instantiation instantiation;
  /**
   * Creates instances of a class without a no-arg constructor (as Kryo would, without its
   * per-object registration lookup) where the generated copier does not; else null.
   */
  private final ObjectInstantiator<?> constructorless;
  /** The fields copied reflectively: all of them, or those the generated copier leaves. */
  private final Field[] fields;
  private final byte[] kinds;
  /** Every field, for the iterative copy (IterativeCopy) of deep graphs, which reflects. */
  private final Field[] allFields;
  private final byte[] allKinds;
  /** Whether a copy needs no Kryo: no field needs a deep copy, and no instance needs Kryo. */
  private final boolean flat;

  /** The JVM's allocation without a constructor, for copiers that allocate; or null. */
  private static final Object UNSAFE = ConstructorlessInstantiation.unsafe();

  private FieldCopier(Class<?> type, Field[] all) {
    this.type = type;
    List<Field> covered = FieldCopyClasses.coverable(type, all);
    List<Boolean> shared = new ArrayList<>();
    covered.forEach(field -> shared.add(kindOf(field.getType()) == SHARED));
    Constructor<?> noArg = noArgConstructorOf(type);
    FieldCopyClasses.Instantiation wanted = instantiationFor(type, noArg);
    FieldCopy defined =
        covered.isEmpty() && wanted == FieldCopyClasses.Instantiation.NONE
            ? null
            : FieldCopyClasses.define(type, covered, shared, wanted, UNSAFE);
    if (defined == null && wanted == FieldCopyClasses.Instantiation.ALLOCATION) {
      // The allocating copier could not be defined (its loader cannot see Unsafe, say): keep the
      // compiled field copies and let the instantiator below create instances.
      wanted = FieldCopyClasses.Instantiation.NONE;
      defined =
          covered.isEmpty() ? null : FieldCopyClasses.define(type, covered, shared, wanted, UNSAFE);
    }
    this.generated = defined;
    this.instantiation = generated == null ? FieldCopyClasses.Instantiation.NONE : wanted;
    this.constructorless =
        noArg != null || instantiation != FieldCopyClasses.Instantiation.NONE
            ? null
            : ConstructorlessInstantiation.INSTANCE.newInstantiatorOf(type);
    List<Field> reflective = new ArrayList<>(List.of(all));
    if (generated != null) {
      reflective.removeAll(covered);
    }
    this.fields = reflective.toArray(new Field[0]);
    this.kinds = new byte[fields.length];
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = kindOf(fields[i].getType());
    }
    this.allFields = all;
    this.allKinds = new byte[all.length];
    boolean shallow = true;
    for (int i = 0; i < all.length; i++) {
      allKinds[i] = kindOf(all[i].getType());
      shallow &= allKinds[i] != COPIED;
    }
    this.flat =
        shallow && (instantiation != FieldCopyClasses.Instantiation.NONE || constructorless != null);
  }

  /**
   * Copies are made as Kryo makes them: through the class's own no-arg constructor, whatever its
   * access, else without running a constructor. A constructor that declares checked exceptions
   * stays with Kryo, which wraps what it throws; an abstract class has no instances of its own.
   */
  private static FieldCopyClasses.Instantiation instantiationFor(
      Class<?> type, Constructor<?> noArg) {
    if (Modifier.isAbstract(type.getModifiers())) {
      return FieldCopyClasses.Instantiation.NONE;
    }
    if (noArg != null) {
      return noArg.getExceptionTypes().length == 0
          ? FieldCopyClasses.Instantiation.CONSTRUCTOR
          : FieldCopyClasses.Instantiation.NONE;
    }
    return FieldCopyClasses.canAllocate(type, UNSAFE)
        ? FieldCopyClasses.Instantiation.ALLOCATION
        : FieldCopyClasses.Instantiation.NONE;
  }

  /**
   * Returns a copier for the class, or null when its fields are closed to reflection.
   *
   * @param type a class Kryo would copy with its generic field serializer
   */
  static FieldCopier forClass(Class<?> type) {
    return COPIERS.get(type).orElse(null);
  }

  /** One copier per class, shared by every pooled Kryo: it holds no Kryo state. */
  private static final ClassValue<Optional<FieldCopier>> COPIERS =
      new ClassValue<>() {
        @Override
        protected Optional<FieldCopier> computeValue(Class<?> type) {
          Field[] fields = FIELDS.get(type);
          return fields == null ? Optional.empty() : Optional.of(new FieldCopier(type, fields));
        }
      };

  /**
   * Returns every non-static, non-synthetic field of the class and its superclasses, opened for
   * reflection, or null when they cannot be opened.
   */
  static Field[] fieldsOf(Class<?> type) {
    return FIELDS.get(type);
  }

  private static Constructor<?> noArgConstructorOf(Class<?> type) {
    try {
      return type.getDeclaredConstructor();
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  private static byte kindOf(Class<?> declared) {
    if (declared == int.class) {
      return INT;
    } else if (declared == long.class) {
      return LONG;
    } else if (declared == double.class) {
      return DOUBLE;
    } else if (declared == float.class) {
      return FLOAT;
    } else if (declared == boolean.class) {
      return BOOLEAN;
    } else if (declared == byte.class) {
      return BYTE;
    } else if (declared == short.class) {
      return SHORT;
    } else if (declared == char.class) {
      return CHAR;
    }
    boolean exact = Modifier.isFinal(declared.getModifiers()) || declared.isEnum();
    return exact && ImmutableTypes.isImmutable(declared) ? SHARED : COPIED;
  }

  /** Returns whether the fields the class declares are copied by compiled code. */
  boolean compiled() {
    return generated != null;
  }

  /** Returns how compiled code creates instances, or NONE when FieldCopier creates them. */
  FieldCopyClasses.Instantiation instantiation() {
    return instantiation;
  }

  /** Creates the instance a copy fills, as {@link #copy} does. */
  Object newCopy(Kryo kryo) {
    if (instantiation != FieldCopyClasses.Instantiation.NONE) {
      return generated.newInstance();
    } else if (constructorless != null) {
      return constructorless.newInstance();
    }
    return kryo.newInstance(type);
  }

  /**
   * For the iterative copy of a deep graph: copies every field whose value needs no deep copy
   * (primitives, immutable values) from the original into the copy, and returns the fields whose
   * values the caller must copy and set itself.
   */
  Field[] copyShallowFields(Object original, Object copy) {
    Field[] deep = new Field[allFields.length];
    int count = 0;
    try {
      for (int i = 0; i < allFields.length; i++) {
        if (allKinds[i] == COPIED) {
          deep[count++] = allFields[i];
        } else {
          copyField(allFields[i], allKinds[i], original, copy, null);
        }
      }
    } catch (IllegalAccessException e) {
      throw new UncopyableValueException(type, e);
    }
    return count == deep.length ? deep : Arrays.copyOf(deep, count);
  }

  /**
   * Returns whether instances are copied without Kryo ({@link #copyFlat}): every field is
   * primitive or of a final immutable type, and the copy's instance is created without Kryo.
   */
  boolean flat() {
    return flat;
  }

  /**
   * Copies an instance of a {@linkplain #flat() flat} class, as {@link #copy} would, without a
   * Kryo: no field of it needs one.
   */
  Object copyFlat(Object original) {
    Object copy =
        instantiation != FieldCopyClasses.Instantiation.NONE
            ? generated.newInstance()
            : constructorless.newInstance();
    if (generated != null) {
      generated.copy(original, copy, null);
    }
    try {
      for (int i = 0; i < fields.length; i++) {
        copyField(fields[i], kinds[i], original, copy, null);
      }
    } catch (IllegalAccessException e) {
      throw new UncopyableValueException(type, e);
    }
    return copy;
  }

  @Override
  public Object copy(Kryo kryo, Object original) {
    Object copy = newCopy(kryo);
    kryo.reference(copy);
    if (generated != null) {
      generated.copy(original, copy, kryo);
    }
    try {
      for (int i = 0; i < fields.length; i++) {
        copyField(fields[i], kinds[i], original, copy, kryo);
      }
    } catch (IllegalAccessException e) {
      throw new UncopyableValueException(type, e);
    }
    return copy;
  }

  private static void copyField(Field field, byte kind, Object original, Object copy, Kryo kryo)
      throws IllegalAccessException {
    switch (kind) {
      case INT -> field.setInt(copy, field.getInt(original));
      case LONG -> field.setLong(copy, field.getLong(original));
      case DOUBLE -> field.setDouble(copy, field.getDouble(original));
      case FLOAT -> field.setFloat(copy, field.getFloat(original));
      case BOOLEAN -> field.setBoolean(copy, field.getBoolean(original));
      case BYTE -> field.setByte(copy, field.getByte(original));
      case SHORT -> field.setShort(copy, field.getShort(original));
      case CHAR -> field.setChar(copy, field.getChar(original));
      case SHARED -> field.set(copy, field.get(original));
      default -> field.set(copy, kryo.copy(field.get(original)));
    }
  }
}
