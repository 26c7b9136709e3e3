package io.memocache.runtime.internal.keys;

import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/*
 * Design note: ConcurrentHashMap (and Caffeine, which stores entries in one) keeps a bin of keys
 * whose hashes collide as a linked list until it holds 8 keys, then as a red-black tree ordered by
 * hash and, for keys whose class implements Comparable of itself, by compareTo. A tree lookup is
 * O(log n) only if compareTo separates unequal keys; a compareTo that returns 0 sends the lookup
 * down both subtrees. Hash codes of keys often come from request input and are easy to make
 * collide (String's "Aa" and "BB"), so every key class memocache builds is Comparable of itself,
 * with the order defined here: a total preorder on key content, consistent with equals (equal keys
 * compare 0), that separates unequal keys whatever their hash codes.
 *
 * The order is lexicographic over the content tree: our own nodes by hash, shape, class, size,
 * then their parts in order (sets and maps by their parts sorted in this same order); values of
 * different classes by their classes (ClassRef's unique sequence); JDK values of one class by
 * their compareTo where they have one (String, boxes, enums, java.time, BigDecimal...), records
 * by their components; last, by hashCode. So only two unequal values of one JDK class that is not
 * Comparable (Locale, Pattern...), or BigDecimals equal in value but not in scale, whose hash codes
 * also collide, compare 0: the tree then stays correct and only that search widens.
 *
 * Nested content is compared with an explicit stack of pairs, so no depth of nesting deepens the
 * Java stack; comparisons run only in tree bins, never on an ordinary hit.
 */

/** The total order of key content, for tree bins of colliding keys. */
final class KeyOrder {
  private static final ClassValue<Method[]> RECORD_ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Method[] accessors = new Method[components.length];
          try {
            for (int i = 0; i < components.length; i++) {
              accessors[i] = components[i].getAccessor();
              accessors[i].setAccessible(true);
            }
          } catch (InaccessibleObjectException | SecurityException e) {
            return null; // ordered by hashCode only
          }
          return accessors;
        }
      };

  private KeyOrder() {}

  /** The accessible component accessors of a record class, or null when they are closed to us. */
  static Method[] accessors(Class<?> recordClass) {
    return RECORD_ACCESSORS.get(recordClass);
  }

  /** Compares two key parts (either may be null). */
  static int compare(Object a, Object b) {
    Pairs pending = null;
    while (true) {
      int c = 0;
      if (a != b) {
        if (a == null) {
          c = -1;
        } else if (b == null) {
          c = 1;
        } else if (a.getClass() != b.getClass()) {
          c = ClassRef.of(a.getClass()).compareTo(ClassRef.of(b.getClass()));
        } else if (a instanceof ContentKey x) {
          ContentKey y = (ContentKey) b;
          c = compareHeads(x, y);
          if (c == 0) {
            pending = pushParts(x, y, pending);
          }
        } else if (a instanceof RecordKey x) {
          pending = Pairs.push(pending, x.record, ((RecordKey) b).record);
        } else if (a.getClass().isRecord() && RECORD_ACCESSORS.get(a.getClass()) != null) {
          pending = pushComponents(a, b, RECORD_ACCESSORS.get(a.getClass()), pending);
        } else {
          c = compareValues(a, b);
        }
      }
      if (c != 0) {
        return c;
      }
      if (pending == null || pending.isEmpty()) {
        return 0;
      }
      b = pending.popSecond();
      a = pending.popFirst();
    }
  }

  /** Compares key parts position by position. */
  static int compareParts(Object[] a, Object[] b) {
    int c = Integer.compare(a.length, b.length);
    for (int i = 0; c == 0 && i < a.length; i++) {
      c = compare(a[i], b[i]);
    }
    return c;
  }

  private static int compareHeads(ContentKey x, ContentKey y) {
    int c = Integer.compare(x.hashCode(), y.hashCode());
    if (c == 0) {
      c = Byte.compare(x.shape, y.shape);
    }
    if (c == 0 && x.type != y.type) {
      c = x.type.compareTo(y.type);
    }
    if (c == 0) {
      c = Integer.compare(x.parts().length, y.parts().length);
    }
    if (c == 0) {
      c =
          switch (x.shape) {
            case ContentKey.CHARS -> ((String) x.payload).compareTo((String) y.payload);
            case ContentKey.ARRAY -> ContentKey.compareArrays(x.payload, y.payload);
            case ContentKey.EQUALS -> compare(x.payload, y.payload);
            default -> 0;
          };
    }
    return c;
  }

  /** Pushes the parts of two equal-headed nodes, so that the first pair is compared first. */
  private static Pairs pushParts(ContentKey x, ContentKey y, Pairs pending) {
    Object[] p = x.parts();
    Object[] q = y.parts();
    if (x.shape == ContentKey.SET || x.shape == ContentKey.MAP) {
      int[] px = x.ordered();
      int[] py = y.ordered();
      boolean map = x.shape == ContentKey.MAP;
      for (int i = px.length - 1; i >= 0; i--) {
        if (map) {
          pending = Pairs.push(pending, p[px[i] + 1], q[py[i] + 1]);
        }
        pending = Pairs.push(pending, p[px[i]], q[py[i]]);
      }
      return pending;
    }
    for (int i = p.length - 1; i >= 0; i--) {
      pending = Pairs.push(pending, p[i], q[i]);
    }
    return pending;
  }

  private static Pairs pushComponents(Object a, Object b, Method[] accessors, Pairs pending) {
    try {
      for (int i = accessors.length - 1; i >= 0; i--) {
        pending = Pairs.push(pending, accessors[i].invoke(a), accessors[i].invoke(b));
      }
      return pending;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the components of " + a.getClass(), e);
    }
  }

  /** Two values of one class that is neither ours nor a record. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a instanceof Comparable comparable) {
      int c = comparable.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.hashCode(), b.hashCode());
  }

  /** A stack of pairs still to compare; null elements allowed. */
  static final class Pairs {
    private Object[] items = new Object[16];
    private int size;

    static Pairs push(Pairs pairs, Object a, Object b) {
      Pairs target = pairs == null ? new Pairs() : pairs;
      target.add(a, b);
      return target;
    }

    void add(Object a, Object b) {
      if (size + 2 > items.length) {
        items = Arrays.copyOf(items, items.length * 2);
      }
      items[size++] = a;
      items[size++] = b;
    }

    boolean isEmpty() {
      return size == 0;
    }

    Object popSecond() {
      Object item = items[--size];
      items[size] = null;
      return item;
    }

    Object popFirst() {
      Object item = items[--size];
      items[size] = null;
      return item;
    }
  }
}
