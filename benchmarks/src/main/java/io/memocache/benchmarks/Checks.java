package io.memocache.benchmarks;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Setup checks: a benchmark measures what its name says, or it fails before measuring. */
final class Checks {
  private Checks() {}

  static void check(boolean holds, String what) {
    if (!holds) {
      throw new IllegalStateException(what + " returned a wrong result");
    }
  }

  static void sameInstance(String what, Object first, Object second) {
    if (first != second) {
      throw new IllegalStateException(what + " is not by reference: two calls, two instances");
    }
  }

  /** Equal content, and no mutable part (arrays, lists, maps, beans) shared between the two. */
  static void independentCopies(String what, Object first, Object second) {
    if (!deepEquals(first, second)) {
      throw new IllegalStateException(what + " returned different content on two calls");
    }
    IdentityHashMap<Object, Boolean> firstParts = new IdentityHashMap<>();
    mutableParts(first, firstParts);
    IdentityHashMap<Object, Boolean> secondParts = new IdentityHashMap<>();
    mutableParts(second, secondParts);
    for (Object part : secondParts.keySet()) {
      if (firstParts.containsKey(part)) {
        throw new IllegalStateException(
            what + " is not by value: two calls share a " + part.getClass().getSimpleName());
      }
    }
  }

  private static void mutableParts(Object value, IdentityHashMap<Object, Boolean> parts) {
    if (value instanceof double[] || value instanceof Data.Bean) {
      parts.put(value, true);
    } else if (value instanceof List<?> list) {
      parts.put(value, true);
      list.forEach(element -> mutableParts(element, parts));
    } else if (value instanceof Map<?, ?> map) {
      parts.put(value, true);
      map.values().forEach(element -> mutableParts(element, parts));
    }
  }

  private static boolean deepEquals(Object a, Object b) {
    if (a instanceof Map<?, ?> first && b instanceof Map<?, ?> second) {
      if (!first.keySet().equals(second.keySet())) {
        return false;
      }
      for (Object key : first.keySet()) {
        if (!deepEquals(first.get(key), second.get(key))) {
          return false;
        }
      }
      return true;
    }
    return Objects.deepEquals(a, b);
  }
}
