package io.memocache.runtime.internal.keys;

import io.memocache.runtime.internal.copies.ValueCopier;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Design note: one node of a content snapshot (see ContentKeys). A single final class with a
 * shape tag rather than a class per kind, for two reasons. ConcurrentHashMap orders colliding keys
 * in a tree bin only when the key's own class implements Comparable of itself and both keys are of
 * that class; one class keeps every snapshot of a parameter comparable with every other. And
 * equals and compareTo walk nested snapshots with an explicit stack in one place, so no depth of
 * nesting ever deepens the Java stack.
 *
 * Each node caches its hash, computed from its parts' hashes when it is built (parts are built
 * first), so hashing is never recursive either. Sets and maps keep their parts in the argument's
 * iteration order; to compare them without order, a node builds an index (content -> position)
 * once, on the stored side (stable() builds it before the key is stored). A lookup key never
 * needs its own index. Nesting through set elements or map keys uses that index's HashMap, whose
 * lookups call equals: only that path nests Java frames, one per level of sets in sets.
 */

/** A content snapshot of a structured argument: sequence, object, set, map, array or text. */
final class ContentKey implements Comparable<ContentKey>, ContentKeys.Borrowing {
  /** Ordered parts: an array, a List, another Collection, an Optional. */
  static final byte SEQUENCE = 0;
  /** Parts are field or component values of a user object or record. */
  static final byte OBJECT = 1;
  /** Parts are the elements of a Set, in no particular order. */
  static final byte SET = 2;
  /** Parts are a Map's keys and values, interleaved, in no particular order of entries. */
  static final byte MAP = 3;
  /** The payload is a primitive array. */
  static final byte ARRAY = 4;
  /** The payload is a CharSequence's text. */
  static final byte CHARS = 5;
  /** The payload is a copy of a JDK value with its own equals. */
  static final byte EQUALS = 6;
  /** A reference back to an object higher on the path: the end of a cycle; level in hash. */
  static final byte BACK_REFERENCE = 7;

  private static final Object[] NO_PARTS = new Object[0];

  final byte shape;
  /** The kind of sequence (List, Set, an array type...) or the object's class; null otherwise. */
  final ClassRef type;
  final Object[] parts;
  final Object payload;
  private final int hash;
  /**
   * Whether the payload is the caller's own primitive array, or (shape SEQUENCE, parts empty) the
   * caller's own List of plain values: a lookup key only.
   */
  private final boolean borrowed;
  /** For SET and MAP: part -> position, built once; null until needed. */
  private volatile Map<Object, Integer> index;
  /** For SET and MAP: positions of the parts in KeyOrder, built when first compared. */
  private volatile int[] ordered;

  private ContentKey(
      byte shape, ClassRef type, Object[] parts, Object payload, int hash, boolean borrowed) {
    this.shape = shape;
    this.type = type;
    this.parts = parts;
    this.payload = payload;
    this.hash = hash;
    this.borrowed = borrowed;
  }

  /** A sequence or object node; {@code parts} are snapshots and become the node's own. */
  static ContentKey structured(byte shape, Class<?> type, Object[] parts) {
    ClassRef ref = ClassRef.of(type);
    int hash = ref.hashCode() * 31 + shape;
    if (shape == SET) {
      int sum = 0;
      for (Object part : parts) {
        sum += part.hashCode();
      }
      hash = hash * 31 + sum;
    } else if (shape == MAP) {
      int sum = 0;
      for (int i = 0; i < parts.length; i += 2) {
        sum += parts[i].hashCode() ^ parts[i + 1].hashCode();
      }
      hash = hash * 31 + sum;
    } else {
      for (Object part : parts) {
        hash = hash * 31 + part.hashCode();
      }
    }
    return new ContentKey(shape, ref, parts, null, hash, false);
  }

  /** A primitive array the caller owns: good for a lookup, cloned by {@link #stable}. */
  static ContentKey borrowedArray(Object array) {
    return new ContentKey(
        ARRAY, ClassRef.of(array.getClass()), NO_PARTS, array, ArrayHashes.hashOf(array), true);
  }

  /** A primitive array the key owns. */
  static ContentKey ownedArray(Object array) {
    return new ContentKey(
        ARRAY, ClassRef.of(array.getClass()), NO_PARTS, array, ArrayHashes.hashOf(array), false);
  }

  /**
   * A List of plain values (each its own snapshot, or null) the caller owns: good for a lookup,
   * copied by {@link #stable}. Equal to the sequence node of the same elements.
   */
  static ContentKey borrowedList(List<?> list, int hash) {
    return new ContentKey(SEQUENCE, ClassRef.of(List.class), NO_PARTS, list, hash, true);
  }

  /** The hash {@link #structured} gives a sequence of List kind, before any part. */
  static int listHashSeed() {
    return ClassRef.of(List.class).hashCode() * 31 + SEQUENCE;
  }

  private boolean isBorrowedList() {
    return borrowed && shape == SEQUENCE;
  }

  /** The parts, copied out of a borrowed list (the walk handled only plain values). */
  Object[] parts() {
    if (!isBorrowedList()) {
      return parts;
    }
    Object[] copy = ((List<?>) payload).toArray();
    Object[] owned =
        copy.getClass() == Object[].class
            ? copy
            : Arrays.copyOf(copy, copy.length, Object[].class);
    for (int i = 0; i < owned.length; i++) {
      if (owned[i] == null) {
        owned[i] = ContentKeys.nullKey();
      }
    }
    return owned;
  }

  static ContentKey chars(String text) {
    return new ContentKey(CHARS, null, NO_PARTS, text, text.hashCode() * 31 + CHARS, false);
  }

  static ContentKey equalsValue(Object copy) {
    return new ContentKey(
        EQUALS, ClassRef.of(copy.getClass()), NO_PARTS, copy, copy.hashCode() * 31 + EQUALS, false);
  }

  static ContentKey backReference(int levelsUp) {
    return new ContentKey(BACK_REFERENCE, null, NO_PARTS, null, levelsUp, false);
  }

  @Override
  public Object stable() {
    if (isBorrowedList()) {
      // A full snapshot of what the list holds now: another thread may have changed it since it
      // was hashed, and the stored key must hash and hold exactly its own parts.
      return ContentKeys.walked(payload);
    }
    if (borrowed) {
      Object copy = ValueCopier.clonePrimitiveArray(payload);
      return new ContentKey(ARRAY, type, NO_PARTS, copy, hash, false);
    }
    if (shape == SET || shape == MAP) {
      index();
    }
    return this;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof ContentKey other && other.hash == hash && equal(this, other));
  }

  @Override
  public int compareTo(ContentKey other) {
    return KeyOrder.compare(this, other);
  }

  /** Whether two nodes have equal content, walking nested nodes with an explicit stack. */
  private static boolean equal(ContentKey a, ContentKey b) {
    if (a.isBorrowedList() || b.isBorrowedList()) {
      return equalBorrowedList(a, b);
    }
    KeyOrder.Pairs pending = null;
    while (true) {
      if (a != b) {
        if (!a.sameHead(b)) {
          return false;
        }
        if (a.shape == SET || a.shape == MAP) {
          pending = a.equalUnordered(b, pending);
          if (pending == null) {
            return false;
          }
        } else {
          Object[] x = a.parts;
          Object[] y = b.parts;
          for (int i = 0; i < x.length; i++) {
            Object p = x[i];
            Object q = y[i];
            if (p == q) {
              continue;
            }
            if (p instanceof ContentKey nested) {
              if (!(q instanceof ContentKey other) || nested.hash != other.hash) {
                return false;
              }
              pending = KeyOrder.Pairs.push(pending, nested, other);
            } else if (!p.equals(q)) {
              return false;
            }
          }
        }
      }
      if (pending == null || pending.isEmpty()) {
        return true;
      }
      b = (ContentKey) pending.popSecond();
      a = (ContentKey) pending.popFirst();
    }
  }

  /** Compares two sequences, at least one a borrowed list of plain values (so nothing nested). */
  private static boolean equalBorrowedList(ContentKey a, ContentKey b) {
    if (!a.isBorrowedList()) {
      ContentKey swap = a;
      a = b;
      b = swap;
    }
    if (b.shape != SEQUENCE || b.type != a.type) {
      return false;
    }
    List<?> list = (List<?>) a.payload;
    try {
      if (b.isBorrowedList()) {
        return list.equals(b.payload);
      }
      Object[] other = b.parts;
      if (list.size() != other.length) {
        return false;
      }
      Object nullKey = ContentKeys.nullKey();
      for (int i = 0; i < other.length; i++) {
        Object p = list.get(i);
        Object q = other[i];
        if (p != q && (p == null ? q != nullKey : !p.equals(q))) {
          return false;
        }
      }
      return true;
    } catch (IndexOutOfBoundsException | ConcurrentModificationException e) {
      // Another thread shrank the list during the lookup: no match; the miss snapshots it.
      return false;
    }
  }

  /**
   * Compares a set's or map's content with an equal-headed node's, pushing pairs of nested values
   * still to compare; returns null when they differ.
   */
  private KeyOrder.Pairs equalUnordered(ContentKey other, KeyOrder.Pairs pending) {
    ContentKey indexed = other.index != null || index == null ? other : this;
    ContentKey probing = indexed == this ? other : this;
    Map<Object, Integer> positions = indexed.index();
    int step = shape == MAP ? 2 : 1;
    Object[] probe = probing.parts;
    Object[] found = indexed.parts;
    KeyOrder.Pairs result = pending == null ? new KeyOrder.Pairs() : pending;
    for (int i = 0; i < probe.length; i += step) {
      Integer at = positions.get(probe[i]);
      if (at == null) {
        return null;
      }
      if (step == 2) {
        Object p = probe[i + 1];
        Object q = found[at + 1];
        if (p == q) {
          continue;
        }
        if (p instanceof ContentKey nested) {
          if (!(q instanceof ContentKey counterpart) || nested.hash != counterpart.hash) {
            return null;
          }
          result.add(nested, counterpart);
        } else if (!p.equals(q)) {
          return null;
        }
      }
    }
    return result;
  }

  /** Shape, class, size and payload equal (hashes are compared by the caller). */
  private boolean sameHead(ContentKey o) {
    if (shape != o.shape || type != o.type || parts.length != o.parts.length) {
      return false;
    }
    return switch (shape) {
      case CHARS, EQUALS -> payload.equals(o.payload);
      case ARRAY -> arraysEqual(payload, o.payload);
      case BACK_REFERENCE -> hash == o.hash;
      default -> true;
    };
  }

  /** Part -> position for a set or map, built once per node. */
  Map<Object, Integer> index() {
    Map<Object, Integer> built = index;
    if (built == null) {
      int step = shape == MAP ? 2 : 1;
      built = new HashMap<>((int) (parts.length / step / 0.75f) + 1);
      for (int i = 0; i < parts.length; i += step) {
        built.put(parts[i], i);
      }
      index = built;
    }
    return built;
  }

  /** Positions of the set's elements or the map's keys, sorted in KeyOrder; built once. */
  int[] ordered() {
    int[] positions = ordered;
    if (positions == null) {
      int step = shape == MAP ? 2 : 1;
      Integer[] boxed = new Integer[parts.length / step];
      for (int i = 0; i < boxed.length; i++) {
        boxed[i] = i * step;
      }
      Arrays.sort(boxed, (p, q) -> KeyOrder.compare(parts[p], parts[q]));
      positions = new int[boxed.length];
      for (int i = 0; i < boxed.length; i++) {
        positions[i] = boxed[i];
      }
      ordered = positions;
    }
    return positions;
  }

  private static boolean arraysEqual(Object a, Object b) {
    if (a instanceof int[] x) {
      return Arrays.equals(x, (int[]) b);
    } else if (a instanceof long[] x) {
      return Arrays.equals(x, (long[]) b);
    } else if (a instanceof double[] x) {
      return Arrays.equals(x, (double[]) b);
    } else if (a instanceof byte[] x) {
      return Arrays.equals(x, (byte[]) b);
    } else if (a instanceof char[] x) {
      return Arrays.equals(x, (char[]) b);
    } else if (a instanceof float[] x) {
      return Arrays.equals(x, (float[]) b);
    } else if (a instanceof short[] x) {
      return Arrays.equals(x, (short[]) b);
    }
    return Arrays.equals((boolean[]) a, (boolean[]) b);
  }

  /** Orders two primitive arrays of the same class, consistently with {@link #arraysEqual}. */
  static int compareArrays(Object a, Object b) {
    if (a instanceof int[] x) {
      return Arrays.compare(x, (int[]) b);
    } else if (a instanceof long[] x) {
      return Arrays.compare(x, (long[]) b);
    } else if (a instanceof double[] x) {
      return Arrays.compare(x, (double[]) b);
    } else if (a instanceof byte[] x) {
      return Arrays.compare(x, (byte[]) b);
    } else if (a instanceof char[] x) {
      return Arrays.compare(x, (char[]) b);
    } else if (a instanceof float[] x) {
      return Arrays.compare(x, (float[]) b);
    } else if (a instanceof short[] x) {
      return Arrays.compare(x, (short[]) b);
    }
    return Arrays.compare((boolean[]) a, (boolean[]) b);
  }

  @Override
  public String toString() {
    return switch (shape) {
      case ARRAY ->
          payload.getClass().getComponentType() + "[" + java.lang.reflect.Array.getLength(payload)
              + "]";
      case CHARS, EQUALS -> String.valueOf(payload);
      case BACK_REFERENCE -> "(cycle)";
      default -> type + "(" + parts.length + " parts)";
    };
  }
}
