package io.memocache.runtime.internal.keys;

import io.memocache.runtime.internal.copies.ValueCopier;
import io.memocache.runtime.internal.types.ImmutableTypes;
import io.memocache.runtime.internal.types.OpaqueTypes;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;

/*
 * Design note.
 *
 * A key argument that is not a plain value is replaced by a snapshot: an immutable tree of
 * ContentKey nodes whose equals/hashCode compare content, so a later mutation of the argument
 * cannot reach the stored entry, and a lookup compares full content (no hash-only matching: two
 * different arguments never share an entry). The node records its shape and kind, so a List never
 * equals an array or a Set with the same elements, and an Integer 1 never equals a Long 1.
 *
 * Values of immutable classes (ImmutableTypes) are their own snapshot; an immutable record at the
 * top is wrapped in a RecordKey only to make it Comparable (KeyOrder: colliding keys stay O(log n)
 * in a tree bin). User objects are keyed by class and the values of their non-static,
 * non-transient, non-synthetic fields, inherited ones included, read through a per-class plan
 * (ClassValue). JDK classes are never read reflectively (that needs --add-opens): those with value
 * equality are snapshotted by copy; others are refused. A Class is keyed by its ClassRef: by
 * identity, held weakly, so same-named classes of two loaders are two keys and a stored key never
 * keeps a class loader alive.
 *
 * The walk is iterative: an explicit stack of frames, one per container being snapshotted, each
 * holding its parts array (owned by the snapshot: a List's toArray(), a copy of an Object[]) whose
 * elements are replaced in place by their snapshots. Any depth fits on an ordinary thread stack.
 * Per element the walk does one class test (String, Integer and Long first) and nothing else: no
 * string is built and no toString() called unless a failure needs the element's path, which is
 * then read off the stack.
 *
 * Lookups borrow: a primitive array argument is referenced, not cloned, so a hit on a large array
 * costs one hash pass and one comparison; stableOf() clones it when a miss stores the key. So is a
 * RandomAccess List argument of plain values (Strings, boxes, enums, immutable records: each its
 * own snapshot): hashed in place as its snapshot would be, compared element by element, copied
 * only when stored. (Measured: copying a 100,000-element List<String> on every hit cost about
 * twice a ConcurrentHashMap lookup keyed by an equal list; borrowing costs the same reads as that
 * lookup.) Arrays nested inside other arguments are cloned at once (they are small, and this keeps
 * stable() flat).
 *
 * Cycles: objects on the path from the argument down to the current object are tracked by
 * identity (a scan of the stack while it is shallow, a map beyond); meeting one again yields a
 * back-reference to its depth, so equal cyclic graphs give equal keys and the walk ends. Objects
 * shared without a cycle are walked at each place, so sharing never changes a key.
 *
 * An argument changed by another thread while it is read (a collection's iterator failing fast, a
 * size that no longer matches) fails with ChangedWhileKeyedException; nothing is stored.
 */

/** Content snapshots of key arguments: the keys engine's facade. For memocache's own use. */
public final class ContentKeys {
  private static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** Below this depth the path is scanned for cycles; from it on, an identity map is kept. */
  private static final int SCANNED_DEPTH = 16;

  /** How a value of a class is snapshotted. */
  private enum Kind {
    SELF,
    RECORD_SELF,
    CLASS,
    OPAQUE,
    CHARS,
    PRIMITIVE_ARRAY,
    OBJECT_ARRAY,
    LIST,
    SET,
    MAP,
    COLLECTION,
    OPTIONAL,
    RECORD,
    JDK_EQUALS,
    JDK_CLOSED,
    FIELDS
  }

  private static final ClassValue<Kind> KINDS =
      new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
          return kindOf(type);
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

  private ContentKeys() {}

  private static Kind kindOf(Class<?> type) {
    if (type == Class.class) {
      return Kind.CLASS;
    }
    if (type.isEnum() || ImmutableTypes.isImmutable(type)) {
      return type.isRecord() ? Kind.RECORD_SELF : Kind.SELF;
    }
    if (OpaqueTypes.isOpaque(type)) {
      return Kind.OPAQUE;
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return Kind.CHARS;
    }
    if (type.isArray()) {
      return type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY;
    }
    if (List.class.isAssignableFrom(type)) {
      return Kind.LIST;
    }
    if (Set.class.isAssignableFrom(type)) {
      return Kind.SET;
    }
    if (Map.class.isAssignableFrom(type)) {
      return Kind.MAP;
    }
    if (Collection.class.isAssignableFrom(type)) {
      return Kind.COLLECTION;
    }
    if (type == Optional.class) {
      return Kind.OPTIONAL;
    }
    if (type.isRecord()) {
      return Kind.RECORD;
    }
    if (type.getModule().isNamed() || type.getName().startsWith("java.")) {
      // A JDK (or other named-module) class: its private fields are closed to us.
      return hasValueEquals(type) ? Kind.JDK_EQUALS : Kind.JDK_CLOSED;
    }
    return Kind.FIELDS;
  }

  private static boolean hasValueEquals(Class<?> type) {
    try {
      return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** A key that still references caller-owned arrays; {@link #stable} makes it safe to store. */
  public interface Borrowing {
    /** Returns an equal key that references nothing the caller owns. */
    Object stable();
  }

  /**
   * Compares two snapshots, or two arguments a lookup key borrows, in the total order of content
   * keys (see {@link KeyOrder}).
   */
  public static int compare(Object a, Object b) {
    return KeyOrder.compare(a, b);
  }

  /** Compares two arrays of snapshots part by part, in the total order of content keys. */
  public static int compareParts(Object[] a, Object[] b) {
    return KeyOrder.compareParts(a, b);
  }

  /** The full snapshot of a List (never borrowing), for a borrowed list about to be stored. */
  static Object walked(Object list) {
    return new Walk().run(list, Kind.LIST);
  }

  /** The snapshot of null. */
  static Object nullKey() {
    return NULL;
  }

  /** Returns the key ready to be stored: borrowed arrays replaced by clones. */
  public static Object stableOf(Object key) {
    return key instanceof Borrowing borrowing ? borrowing.stable() : key;
  }

  /**
   * Returns a snapshot of the value whose equality is by content.
   *
   * @throws UnhashableValueException when the value, or something inside it, has no content
   * @throws ChangedWhileKeyedException when the value changed while it was read
   */
  public static Object snapshot(Object value) {
    if (value == null) {
      return NULL;
    }
    Class<?> type = value.getClass();
    if (type == String.class) {
      return value;
    }
    Kind kind = KINDS.get(type);
    switch (kind) {
      case RECORD_SELF:
        return new RecordKey((Record) value);
      case PRIMITIVE_ARRAY:
        return ContentKey.borrowedArray(value);
      case LIST:
        if (value instanceof RandomAccess) {
          ContentKey borrowed = borrowedList((List<?>) value);
          if (borrowed != null) {
            return borrowed;
          }
        }
        return new Walk().run(value, kind);
      default:
        Object leaf = leaf(value, kind);
        return leaf != null ? leaf : new Walk().run(value, kind);
    }
  }

  /**
   * A lookup key that borrows a list of plain values (Strings, boxes, enums...: each its own
   * snapshot), hashed as its snapshot would be; or null when an element needs a snapshot of its
   * own. A hit then reads the list twice (hash, comparison) and copies nothing, as a map keyed by
   * the list itself would.
   */
  private static ContentKey borrowedList(List<?> list) {
    int hash = ContentKey.listHashSeed();
    int size = list.size();
    try {
      for (int i = 0; i < size; i++) {
        Object element = list.get(i);
        if (element == null) {
          hash = hash * 31 + NULL.hashCode();
          continue;
        }
        Class<?> type = element.getClass();
        if (type != String.class && type != Integer.class && type != Long.class) {
          Kind kind = KINDS.get(type);
          if (kind != Kind.SELF && kind != Kind.RECORD_SELF) {
            return null;
          }
        }
        hash = hash * 31 + element.hashCode();
      }
    } catch (IndexOutOfBoundsException | ConcurrentModificationException e) {
      throw new ChangedWhileKeyedException("", e);
    }
    return ContentKey.borrowedList(list, hash);
  }

  /** The snapshot of a value that has no parts to walk, or null when it has. */
  private static Object leaf(Object value, Kind kind) {
    switch (kind) {
      case SELF:
      case RECORD_SELF:
        return value;
      case CLASS:
        return ClassRef.of((Class<?>) value);
      case CHARS:
        return ContentKey.chars(value.toString());
      case PRIMITIVE_ARRAY:
        return ContentKey.ownedArray(ValueCopier.clonePrimitiveArray(value));
      case JDK_EQUALS:
        return ContentKey.equalsValue(ValueCopier.copy(value));
      case OPAQUE:
      case JDK_CLOSED:
        throw new UnhashableValueException(value.getClass(), "");
      default:
        return null;
    }
  }

  /** One container being snapshotted: its parts, replaced in place by their snapshots. */
  private static final class Frame {
    final Object source;
    final Kind kind;
    final Object[] parts;
    int next;

    Frame(Object source, Kind kind, Object[] parts) {
      this.source = source;
      this.kind = kind;
      this.parts = parts;
    }

    ContentKey build() {
      return switch (kind) {
        case OBJECT_ARRAY -> ContentKey.structured(ContentKey.SEQUENCE, source.getClass(), parts);
        case LIST -> ContentKey.structured(ContentKey.SEQUENCE, List.class, parts);
        case COLLECTION -> ContentKey.structured(ContentKey.SEQUENCE, Collection.class, parts);
        case OPTIONAL -> ContentKey.structured(ContentKey.SEQUENCE, Optional.class, parts);
        case SET -> ContentKey.structured(ContentKey.SET, Set.class, parts);
        case MAP -> ContentKey.structured(ContentKey.MAP, Map.class, parts);
        default -> ContentKey.structured(ContentKey.OBJECT, source.getClass(), parts);
      };
    }

    /** The step from this container to its part {@code index}, for a failure's path. */
    String step(int index) {
      switch (kind) {
        case OPTIONAL:
          return ".get()";
        case MAP:
          return index % 2 == 0 ? "{key}" : "[" + describe(parts[index - 1]) + "]";
        case RECORD:
          return "." + source.getClass().getRecordComponents()[index].getName();
        case FIELDS:
          return "." + FIELDS.get(source.getClass())[index].getName();
        default:
          return "[" + index + "]";
      }
    }

    private static String describe(Object key) {
      try {
        return String.valueOf(key);
      } catch (RuntimeException e) {
        return "?";
      }
    }
  }

  /** One snapshot in progress. */
  private static final class Walk {
    private Frame[] frames = new Frame[8];
    private int depth;
    /** Depth of each object on the path, once the path is deeper than SCANNED_DEPTH. */
    private IdentityHashMap<Object, Integer> onPath;

    Object run(Object root, Kind rootKind) {
      try {
        open(root, rootKind);
        while (true) {
          Frame frame = frames[depth - 1];
          Object[] parts = frame.parts;
          boolean descended = false;
          while (frame.next < parts.length) {
            Object part = parts[frame.next];
            if (part == null) {
              parts[frame.next++] = NULL;
              continue;
            }
            Class<?> type = part.getClass();
            if (type == String.class || type == Integer.class || type == Long.class) {
              frame.next++;
              continue;
            }
            Kind kind = KINDS.get(type);
            Object leaf = leaf(part, kind);
            if (leaf != null) {
              parts[frame.next++] = leaf;
              continue;
            }
            int at = depthOf(part);
            if (at >= 0) {
              parts[frame.next++] = ContentKey.backReference(depth - at);
              continue;
            }
            open(part, kind);
            descended = true;
            break;
          }
          if (descended) {
            continue;
          }
          ContentKey built = close();
          if (depth == 0) {
            return built;
          }
          Frame parent = frames[depth - 1];
          parent.parts[parent.next++] = built;
        }
      } catch (UnhashableValueException e) {
        throw new UnhashableValueException(e.type(), path());
      }
    }

    /** Where the walk is now, as a path from the argument: "customer.orders[3]". */
    private String path() {
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        path.append(frames[i].step(frames[i].next));
      }
      return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    /** The depth at which the object is on the path, or -1. */
    private int depthOf(Object object) {
      if (onPath != null) {
        Integer at = onPath.get(object);
        return at == null ? -1 : at;
      }
      for (int i = 0; i < depth; i++) {
        if (frames[i].source == object) {
          return i;
        }
      }
      return -1;
    }

    private void open(Object container, Kind kind) {
      Object[] parts;
      try {
        parts = partsOf(container, kind);
      } catch (ConcurrentModificationException
          | NoSuchElementException
          | IndexOutOfBoundsException e) {
        throw new ChangedWhileKeyedException(path(), e);
      }
      if (depth == frames.length) {
        frames = Arrays.copyOf(frames, depth * 2);
      }
      if (onPath == null && depth == SCANNED_DEPTH) {
        onPath = new IdentityHashMap<>();
        for (int i = 0; i < depth; i++) {
          onPath.put(frames[i].source, i);
        }
      }
      if (onPath != null) {
        onPath.put(container, depth);
      }
      frames[depth++] = new Frame(container, kind, parts);
    }

    private ContentKey close() {
      Frame frame = frames[--depth];
      frames[depth] = null;
      if (onPath != null) {
        onPath.remove(frame.source);
      }
      return frame.build();
    }

    /** The container's parts, in an array the snapshot owns. */
    private Object[] partsOf(Object container, Kind kind) {
      switch (kind) {
        case OBJECT_ARRAY:
          return Arrays.copyOf((Object[]) container, ((Object[]) container).length, Object[].class);
        case LIST:
        case SET:
        case COLLECTION:
          return owned(((Collection<?>) container).toArray());
        case MAP:
          return entries((Map<?, ?>) container);
        case OPTIONAL:
          Optional<?> optional = (Optional<?>) container;
          return optional.isPresent() ? new Object[] {optional.get()} : new Object[0];
        case RECORD:
          return components(container);
        default:
          return fields(container);
      }
    }

    private static Object[] owned(Object[] array) {
      return array.getClass() == Object[].class
          ? array
          : Arrays.copyOf(array, array.length, Object[].class);
    }

    private Object[] entries(Map<?, ?> map) {
      Object[] parts = new Object[map.size() * 2];
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (i == parts.length) {
          throw new ConcurrentModificationException("more entries than the map's size");
        }
        parts[i++] = entry.getKey();
        parts[i++] = entry.getValue();
      }
      if (i != parts.length) {
        throw new ConcurrentModificationException("fewer entries than the map's size");
      }
      return parts;
    }

    private Object[] components(Object record) {
      Class<?> type = record.getClass();
      Method[] accessors = KeyOrder.accessors(type);
      if (accessors == null) {
        throw new UnhashableValueException(type, "");
      }
      Object[] parts = new Object[accessors.length];
      try {
        for (int i = 0; i < accessors.length; i++) {
          parts[i] = accessors[i].invoke(record);
        }
      } catch (ReflectiveOperationException e) {
        throw new UnhashableValueException(type, "");
      }
      return parts;
    }

    private Object[] fields(Object object) {
      Class<?> type = object.getClass();
      Field[] fields;
      try {
        fields = FIELDS.get(type);
      } catch (InaccessibleObjectException e) {
        throw new UnhashableValueException(type, "");
      }
      Object[] parts = new Object[fields.length];
      try {
        for (int i = 0; i < fields.length; i++) {
          parts[i] = fields[i].get(object);
        }
      } catch (IllegalAccessException e) {
        throw new UnhashableValueException(type, "");
      }
      return parts;
    }
  }
}
