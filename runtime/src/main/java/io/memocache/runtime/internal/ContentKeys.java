package io.memocache.runtime.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * Design note.
 *
 * A key argument that is not a plain value is replaced by a snapshot: an immutable tree of small key
 * objects whose equals/hashCode compare content, so a later mutation of the argument cannot reach
 * the stored entry, and a lookup compares full content (no hash-only matching: two different
 * arguments never share an entry). Each kind of content has its own key class, so a List never
 * equals an array or a Set with the same elements, and an Integer 1 never equals a Long 1.
 *
 * Values of immutable classes (ImmutableTypes) are their own snapshot. User objects are keyed by
 * class and the values of their non-static, non-transient, non-synthetic fields, inherited ones
 * included, read through a per-class plan (ClassValue). JDK classes are never read reflectively
 * (that needs --add-opens): those with value equality are snapshotted by copy; others are refused.
 *
 * Lookups borrow: a primitive array inside a key is referenced, not cloned, so a hit on a large
 * array argument costs one hash pass and one comparison. Only when a miss inserts the key does
 * stableOf() replace the borrowed arrays by clones (keeping their hash). Keys that borrow nothing
 * are their own stable form.
 *
 * Cycles: objects on the path from the argument down to the current object are tracked by
 * identity; meeting one again yields a back-reference to its depth, so equal cyclic graphs give
 * equal keys and the walk ends. Objects shared without a cycle are walked at each place, so
 * sharing never changes a key.
 *
 * A Class argument is keyed by its name (SPEC: classes by name), so a stored key never pins a
 * class loader. Primitive arrays are hashed by ArrayHashes (hash4j's xxh3 where the JDK is slower).
 */

/** Content snapshots of key arguments. */
final class ContentKeys {
  private static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final ClassValue<Field[]> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          List<Field> fields = new ArrayList<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
              int modifiers = field.getModifiers();
              if (!Modifier.isStatic(modifiers)
                  && !Modifier.isTransient(modifiers)
                  && !field.isSynthetic()) {
                field.setAccessible(true);
                fields.add(field);
              }
            }
          }
          return fields.toArray(new Field[0]);
        }
      };

  private static final ClassValue<Boolean> HAS_VALUE_EQUALS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
          } catch (NoSuchMethodException e) {
            return false;
          }
        }
      };

  private ContentKeys() {}

  /** A key that still references caller-owned arrays; {@link #stable} makes it safe to store. */
  interface Borrowing {
    /** Returns an equal key that references nothing the caller owns. */
    Object stable();
  }

  /** Returns the key ready to be stored: borrowed arrays replaced by clones. */
  static Object stableOf(Object key) {
    return key instanceof Borrowing borrowing ? borrowing.stable() : key;
  }

  private static boolean anyBorrowing(Object[] parts) {
    for (Object part : parts) {
      if (part instanceof Borrowing) {
        return true;
      }
    }
    return false;
  }

  private static Object[] stableParts(Object[] parts) {
    Object[] stable = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      stable[i] = stableOf(parts[i]);
    }
    return stable;
  }

  /**
   * Returns a snapshot of the value whose equality is by content.
   *
   * @throws UnhashableValueException when the value, or something inside it, has no content
   */
  static Object snapshot(Object value) {
    return new Walk().snapshot(value);
  }

  /** One snapshot in progress: the objects on the current path, for cycles. */
  private static final class Walk {
    private final IdentityHashMap<Object, Integer> onPath = new IdentityHashMap<>();

    Object snapshot(Object value) {
      if (value == null) {
        return NULL;
      }
      if (value instanceof Class<?> named) {
        return new ClassNameKey(named.getName());
      }
      Class<?> type = value.getClass();
      if (type.isEnum() || ImmutableTypes.isImmutable(type)) {
        return value;
      }
      if (OpaqueTypes.isOpaque(type)) {
        throw new UnhashableValueException(type, "");
      }
      if (value instanceof CharSequence chars) {
        return new CharsKey(chars.toString());
      }
      if (type.isArray() && type.getComponentType().isPrimitive()) {
        return new BorrowedArrayKey(value);
      }
      Integer depth = onPath.get(value);
      if (depth != null) {
        return new BackReference(onPath.size() - depth);
      }
      onPath.put(value, onPath.size());
      try {
        return structured(value, type);
      } finally {
        onPath.remove(value);
      }
    }

    private Object structured(Object value, Class<?> type) {
      if (value instanceof Object[] array) {
        return SequenceKey.of(type, elements(Arrays.asList(array)));
      }
      if (value instanceof List<?> list) {
        return SequenceKey.of(List.class, elements(list));
      }
      if (value instanceof Set<?> set) {
        Set<Object> snapshots = new HashSet<>();
        int index = 0;
        for (Object element : set) {
          snapshots.add(stableOf(within("[" + index++ + "]", element)));
        }
        return new UnorderedKey(Set.class, snapshots);
      }
      if (value instanceof Map<?, ?> map) {
        Map<Object, Object> snapshots = new HashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          Object key = stableOf(within("{key}", entry.getKey()));
          snapshots.put(key, stableOf(within("[" + entry.getKey() + "]", entry.getValue())));
        }
        return new UnorderedKey(Map.class, snapshots);
      }
      if (value instanceof Collection<?> collection) {
        return SequenceKey.of(Collection.class, elements(collection));
      }
      if (value instanceof Optional<?> optional) {
        Object[] content =
            optional.isPresent() ? new Object[] {within(".get()", optional.get())} : new Object[0];
        return SequenceKey.of(Optional.class, content);
      }
      if (type.isRecord()) {
        return ObjectKey.of(type, recordComponents(value, type));
      }
      if (type.getModule().isNamed() || type.getName().startsWith("java.")) {
        // A JDK (or other named-module) class: its private fields are closed to us.
        if (HAS_VALUE_EQUALS.get(type)) {
          return new EqualsKey(ValueCopier.copy(value));
        }
        throw new UnhashableValueException(type, "");
      }
      return ObjectKey.of(type, fields(value, type));
    }

    private Object[] elements(Collection<?> elements) {
      Object[] snapshots = new Object[elements.size()];
      int index = 0;
      for (Object element : elements) {
        snapshots[index] = within("[" + index + "]", element);
        index++;
      }
      return index == snapshots.length ? snapshots : Arrays.copyOf(snapshots, index);
    }

    private Object[] recordComponents(Object record, Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Object[] snapshots = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        Object component;
        try {
          accessor.setAccessible(true);
          component = accessor.invoke(record);
        } catch (ReflectiveOperationException | InaccessibleObjectException e) {
          throw new UnhashableValueException(type, "");
        }
        snapshots[i] = within("." + components[i].getName(), component);
      }
      return snapshots;
    }

    private Object[] fields(Object object, Class<?> type) {
      Field[] fields;
      try {
        fields = FIELDS.get(type);
      } catch (InaccessibleObjectException e) {
        throw new UnhashableValueException(type, "");
      }
      Object[] snapshots = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        Object fieldValue;
        try {
          fieldValue = fields[i].get(object);
        } catch (IllegalAccessException e) {
          throw new UnhashableValueException(type, "");
        }
        snapshots[i] = within("." + fields[i].getName(), fieldValue);
      }
      return snapshots;
    }

    /** Snapshots a part, adding its place to the path of any failure inside it. */
    private Object within(String step, Object part) {
      try {
        return snapshot(part);
      } catch (UnhashableValueException e) {
        String path = step.startsWith(".") ? step.substring(1) : step;
        String inner = e.path();
        String joined =
            inner.isEmpty() ? path : inner.startsWith("[") ? path + inner : path + "." + inner;
        throw new UnhashableValueException(e.type(), joined);
      }
    }
  }

  /** A non-String CharSequence, by its characters. */
  private record CharsKey(String chars) {}

  /**
   * A class argument, keyed by name: the key holds no reference to the class (so no class
   * loader is kept alive by it), and the same class reloaded by a new loader meets its old entry.
   */
  private record ClassNameKey(String name) {}

  /** A reference back to an object higher up on the path: the end of a cycle. */
  private record BackReference(int levelsUp) {}

  /** A value of a JDK class with its own value equality, snapshotted by copy. */
  private record EqualsKey(Object copy) {}

  /** An array (of a given type), List, other Collection or Optional: ordered elements. */
  private static class SequenceKey {
    private final Class<?> kind;
    private final Object[] elements;
    private final int hash;

    SequenceKey(Class<?> kind, Object[] elements) {
      this.kind = kind;
      this.elements = elements;
      this.hash = kind.hashCode() * 31 + Arrays.hashCode(elements);
    }

    static SequenceKey of(Class<?> kind, Object[] elements) {
      return anyBorrowing(elements)
          ? new BorrowingSequenceKey(kind, elements)
          : new SequenceKey(kind, elements);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SequenceKey other
          && hash == other.hash
          && kind == other.kind
          && Arrays.equals(elements, other.elements);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return Arrays.toString(elements);
    }
  }

  private static final class BorrowingSequenceKey extends SequenceKey implements Borrowing {
    BorrowingSequenceKey(Class<?> kind, Object[] elements) {
      super(kind, elements);
    }

    @Override
    public Object stable() {
      return new SequenceKey(super.kind, stableParts(super.elements));
    }
  }

  /** A Set or Map: content without order. */
  private static final class UnorderedKey {
    private final Class<?> kind;
    private final Object content;
    private final int hash;

    UnorderedKey(Class<?> kind, Object content) {
      this.kind = kind;
      this.content = content;
      this.hash = kind.hashCode() * 31 + content.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof UnorderedKey other
          && hash == other.hash
          && kind == other.kind
          && content.equals(other.content);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return content.toString();
    }
  }

  /** A record or user object: its class and the snapshots of its components or fields. */
  private static class ObjectKey {
    private final Class<?> type;
    private final Object[] values;
    private final int hash;

    ObjectKey(Class<?> type, Object[] values) {
      this.type = type;
      this.values = values;
      this.hash = type.hashCode() * 31 + Arrays.hashCode(values);
    }

    static ObjectKey of(Class<?> type, Object[] values) {
      return anyBorrowing(values) ? new BorrowingObjectKey(type, values) : new ObjectKey(type, values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ObjectKey other
          && hash == other.hash
          && type == other.type
          && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return type.getSimpleName() + Arrays.toString(values);
    }
  }

  private static final class BorrowingObjectKey extends ObjectKey implements Borrowing {
    BorrowingObjectKey(Class<?> type, Object[] values) {
      super(type, values);
    }

    @Override
    public Object stable() {
      return new ObjectKey(super.type, stableParts(super.values));
    }
  }

  /** A primitive array, by element values (its component type included), owning its copy. */
  private static class PrimitiveArrayKey {
    final Object array;
    private final int hash;

    PrimitiveArrayKey(Object array) {
      this(array, ArrayHashes.hashOf(array));
    }

    PrimitiveArrayKey(Object array, int hash) {
      this.array = array;
      this.hash = hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof PrimitiveArrayKey other)
          || hash != other.hash
          || array.getClass() != other.array.getClass()) {
        return false;
      }
      Object b = other.array;
      if (array instanceof int[] a) {
        return Arrays.equals(a, (int[]) b);
      } else if (array instanceof long[] a) {
        return Arrays.equals(a, (long[]) b);
      } else if (array instanceof double[] a) {
        return Arrays.equals(a, (double[]) b);
      } else if (array instanceof byte[] a) {
        return Arrays.equals(a, (byte[]) b);
      } else if (array instanceof char[] a) {
        return Arrays.equals(a, (char[]) b);
      } else if (array instanceof float[] a) {
        return Arrays.equals(a, (float[]) b);
      } else if (array instanceof short[] a) {
        return Arrays.equals(a, (short[]) b);
      }
      return Arrays.equals((boolean[]) array, (boolean[]) b);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return array.getClass().getComponentType() + "[" + Array.getLength(array) + "]";
    }
  }

  /** A primitive array the caller still owns: good for a lookup, cloned before it is stored. */
  private static final class BorrowedArrayKey extends PrimitiveArrayKey implements Borrowing {
    BorrowedArrayKey(Object array) {
      super(array);
    }

    @Override
    public Object stable() {
      return new PrimitiveArrayKey(ContainerCopies.cloneArray(array), hashCode());
    }
  }
}
