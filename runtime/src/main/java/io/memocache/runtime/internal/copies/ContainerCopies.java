package io.memocache.runtime.internal.copies;

import io.memocache.runtime.internal.types.ImmutableTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/*
 * Design note: most cached data is a standard container whose elements are immutable (a List of
 * records) or primitive arrays (a Map of columns). Such a value needs a new container and cloned
 * arrays, nothing more: walking every element through Kryo's generic path costs two orders of
 * magnitude more. This class recognises exactly those shapes (exact JDK classes, so the copy has
 * the same type) and returns null for anything else, which then goes to Kryo. JDK unmodifiable
 * collections (List.of, Set.of, Map.of, List.copyOf, Stream.toList) of immutable elements are
 * deeply immutable and need no copy at all. Arrays that appear twice stay shared in the copy.
 */

/** Cheap exact copies of standard containers of immutable values and primitive arrays. */
final class ContainerCopies {
  private static final String JDK_IMMUTABLE_PREFIX = "java.util.ImmutableCollections$";

  private ContainerCopies() {}

  /**
   * Returns a copy, the value itself when it needs none, or null when the shape is not ours. When
   * the declared type already guarantees immutable elements, they are not looked at.
   */
  static Object copyOrNull(Object value, boolean immutableElements) {
    Class<?> type = value.getClass();
    if (type.getName().startsWith(JDK_IMMUTABLE_PREFIX)) {
      return immutableElements || allImmutable(value) ? value : null;
    }
    if (immutableElements) {
      Object copy = shallowCopyOrNull(value, type);
      if (copy != null) {
        return copy;
      }
    }
    if (value instanceof Collection<?> collection) {
      return copyCollection(collection, type);
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, type);
    }
    return null;
  }

  /** A copy of a container of a known class, elements shared: only for immutable elements. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object shallowCopyOrNull(Object value, Class<?> type) {
    if (type == ArrayList.class) {
      return new ArrayList<>((Collection<?>) value);
    } else if (type == HashMap.class) {
      return new HashMap<>((Map<?, ?>) value);
    } else if (type == LinkedHashMap.class) {
      return new LinkedHashMap<>((Map<?, ?>) value);
    } else if (type == HashSet.class) {
      return new HashSet<>((Collection<?>) value);
    } else if (type == LinkedHashSet.class) {
      return new LinkedHashSet<>((Collection<?>) value);
    } else if (type == LinkedList.class) {
      return new LinkedList<>((Collection<?>) value);
    } else if (type == ArrayDeque.class) {
      return new ArrayDeque<>((Collection<?>) value);
    } else if (type == TreeSet.class && ((SortedSet<?>) value).comparator() == null) {
      return new TreeSet<>((SortedSet) value);
    } else if (type == TreeMap.class && ((SortedMap<?, ?>) value).comparator() == null) {
      return new TreeMap<>((SortedMap) value);
    }
    return null;
  }

  private static boolean allImmutable(Object container) {
    Iterable<?> elements =
        container instanceof Map<?, ?> map ? allOf(map) : (Iterable<?>) container;
    Class<?> lastImmutable = null;
    for (Object element : elements) {
      if (element != null && element.getClass() != lastImmutable) {
        if (!ImmutableTypes.isImmutable(element.getClass())) {
          return false;
        }
        lastImmutable = element.getClass();
      }
    }
    return true;
  }

  private static Iterable<Object> allOf(Map<?, ?> map) {
    ArrayList<Object> all = new ArrayList<>(map.size() * 2);
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      all.add(entry.getKey());
      all.add(entry.getValue());
    }
    return all;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object copyCollection(Collection<?> collection, Class<?> type) {
    Collection copy;
    if (type == ArrayList.class) {
      copy = new ArrayList<>(collection.size());
    } else if (type == LinkedList.class) {
      copy = new LinkedList<>();
    } else if (type == HashSet.class) {
      copy = new HashSet<>(Math.max(16, (int) (collection.size() / .75f) + 1));
    } else if (type == LinkedHashSet.class) {
      copy = new LinkedHashSet<>(Math.max(16, (int) (collection.size() / .75f) + 1));
    } else if (type == ArrayDeque.class) {
      copy = new ArrayDeque<>(collection.size());
    } else if (type == TreeSet.class && ((SortedSet<?>) collection).comparator() == null) {
      copy = new TreeSet<>();
    } else {
      return null;
    }
    IdentityHashMap<Object, Object> arrays = null;
    Class<?> lastImmutable = null;
    for (Object element : collection) {
      if (element == null || element.getClass() == lastImmutable) {
        copy.add(element);
      } else if (ImmutableTypes.isImmutable(element.getClass())) {
        lastImmutable = element.getClass();
        copy.add(element);
      } else if (isPrimitiveArray(element)) {
        arrays = arrays == null ? new IdentityHashMap<>() : arrays;
        copy.add(arrays.computeIfAbsent(element, ContainerCopies::cloneArray));
      } else {
        return null;
      }
    }
    return copy;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object copyMap(Map<?, ?> map, Class<?> type) {
    Map copy;
    if (type == HashMap.class) {
      copy = new HashMap<>(Math.max(16, (int) (map.size() / .75f) + 1));
    } else if (type == LinkedHashMap.class) {
      copy = new LinkedHashMap<>(Math.max(16, (int) (map.size() / .75f) + 1));
    } else if (type == TreeMap.class && ((SortedMap<?, ?>) map).comparator() == null) {
      copy = new TreeMap<>();
    } else {
      return null;
    }
    IdentityHashMap<Object, Object> arrays = null;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      Object value = entry.getValue();
      if (key != null && !ImmutableTypes.isImmutable(key.getClass())) {
        return null;
      }
      if (value != null && !ImmutableTypes.isImmutable(value.getClass())) {
        if (!isPrimitiveArray(value)) {
          return null;
        }
        arrays = arrays == null ? new IdentityHashMap<>() : arrays;
        value = arrays.computeIfAbsent(value, ContainerCopies::cloneArray);
      }
      copy.put(key, value);
    }
    return copy;
  }

  private static boolean isPrimitiveArray(Object value) {
    return value.getClass().isArray() && value.getClass().getComponentType().isPrimitive();
  }

  /** Clones a primitive array; clone() skips the zeroing a new array plus arraycopy would pay. */
  static Object cloneArray(Object array) {
    if (array instanceof double[] doubles) {
      return doubles.clone();
    } else if (array instanceof int[] ints) {
      return ints.clone();
    } else if (array instanceof long[] longs) {
      return longs.clone();
    } else if (array instanceof byte[] bytes) {
      return bytes.clone();
    } else if (array instanceof float[] floats) {
      return floats.clone();
    } else if (array instanceof char[] chars) {
      return chars.clone();
    } else if (array instanceof short[] shorts) {
      return shorts.clone();
    }
    return ((boolean[]) array).clone();
  }
}
