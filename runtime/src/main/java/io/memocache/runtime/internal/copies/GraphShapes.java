package io.memocache.runtime.internal.copies;

import io.memocache.runtime.internal.types.ImmutableTypes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Design note: a deep copy must keep a graph's sharing and cycles (Kryo's reference tracking),
 * which costs an identity-map lookup and insert per copied object, several times the copy itself
 * on a list of small beans. But a @Memo cache copies the same stored value on every hit, and that
 * stored value is the cache's own copy, which nothing ever mutates. So the question "can this
 * graph reach one mutable object twice?" is asked once, when the value is stored, and a value
 * whose graph is a tree (the common case: lists of beans, maps of arrays, nested DTOs) is copied
 * on every hit without tracking. Reaching a mutable object twice (shared or cyclic) answers no.
 *
 * The walk only looks where it can see everything: arrays, public JDK collections and maps,
 * Optional, records, user classes by their fields, and a few JDK leaf classes that hold no
 * references. Anything else (a JDK view or wrapper, which hides its backing collection, or an
 * unknown JDK class) answers "not provably a tree", and the copy keeps tracking: never wrong,
 * only slower. Immutable values are not tracked: sharing them is harmless. Pending objects wait
 * in an explicit stack, so no depth of graph (a linked list of a million nodes) exhausts the
 * thread's stack.
 */

/** Decides once per stored value whether its copies need reference tracking. */
final class GraphShapes {
  /** JDK classes that are mutable but refer to nothing a copy could share. */
  private static final Set<Class<?>> JDK_LEAVES =
      Set.of(
          Date.class,
          java.sql.Date.class,
          java.sql.Timestamp.class,
          BitSet.class,
          StringBuilder.class,
          StringBuffer.class,
          AtomicInteger.class,
          AtomicLong.class,
          AtomicBoolean.class);

  private GraphShapes() {}

  /**
   * Returns whether no mutable object is reachable twice from the root: then a copy needs no
   * reference tracking. False when the walk meets something it cannot see into.
   */
  static boolean isTree(Object root) {
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Object> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Object value = pending.pop();
      Class<?> type = value.getClass();
      if (value instanceof Enum<?> || ImmutableTypes.isImmutable(type)) {
        continue;
      }
      if (seen.put(value, Boolean.TRUE) != null || !pushChildren(value, type, pending)) {
        return false;
      }
    }
    return true;
  }

  /** Pushes the non-null children of the value; false when they cannot all be seen. */
  private static boolean pushChildren(Object value, Class<?> type, ArrayDeque<Object> pending) {
    if (type.isArray()) {
      if (value instanceof Object[] array) {
        for (Object element : array) {
          push(element, pending);
        }
      }
      return true;
    }
    if (JDK_LEAVES.contains(type)) {
      return true;
    }
    if (isJdkClass(type)) {
      if (!Modifier.isPublic(type.getModifiers())) {
        return false; // a view, wrapper or immutable collection: its backing state is hidden
      }
      if (value instanceof Collection<?> collection) {
        collection.forEach(element -> push(element, pending));
        return true;
      }
      if (value instanceof Map<?, ?> map) {
        map.forEach(
            (key, element) -> {
              push(key, pending);
              push(element, pending);
            });
        return true;
      }
      if (value instanceof Optional<?> optional) {
        optional.ifPresent(element -> push(element, pending));
        return true;
      }
      return false;
    }
    if (type.isRecord()) {
      for (Object component : ValueCopier.recordComponents(value)) {
        push(component, pending);
      }
      return true;
    }
    return pushFields(value, type, pending);
  }

  private static boolean pushFields(Object value, Class<?> type, ArrayDeque<Object> pending) {
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      return false; // a user collection may keep state its fields do not show plainly
    }
    Field[] fields = FieldCopier.fieldsOf(type);
    if (fields == null) {
      return false;
    }
    try {
      for (Field field : fields) {
        if (!field.getType().isPrimitive()) {
          push(field.get(value), pending);
        }
      }
    } catch (IllegalAccessException e) {
      return false;
    }
    return true;
  }

  private static void push(Object child, ArrayDeque<Object> pending) {
    if (child != null) {
      pending.push(child);
    }
  }

  private static boolean isJdkClass(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }
}
