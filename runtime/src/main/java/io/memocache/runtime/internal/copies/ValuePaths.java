package io.memocache.runtime.internal.copies;

import io.memocache.runtime.internal.types.ImmutableTypes;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * Design note: a copy that fails names where the offending object sits in the result
 * (`items[3].owner.lock`), as an unhashable argument does. Copies are fast because they keep no
 * such bookkeeping; the path is found only after a copy has failed, by a breadth-first walk of the
 * original (so the shortest path wins, and no depth of graph exhausts the stack) through what a
 * copy walks: fields, array elements, collection elements, map values, record components.
 */

/** Finds, after a failed copy, where in a value an object of the offending class sits. */
final class ValuePaths {
  /** Steps kept at each end of a longer path; the middle is elided. */
  private static final int ENDS = 12;

  private ValuePaths() {}

  /**
   * Returns the path from the root to an object of exactly the given class, as {@code
   * items[3].owner.lock}, or {@code ""} when it is the root or cannot be found.
   */
  static String pathTo(Object root, Class<?> type) {
    try {
      return find(root, type);
    } catch (RuntimeException | LinkageError e) {
      return ""; // a diagnostic must not replace the failure it explains
    }
  }

  private static String find(Object root, Class<?> type) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Step> pending = new ArrayDeque<>();
    pending.add(new Step(null, "", root));
    seen.add(root);
    while (!pending.isEmpty()) {
      Step step = pending.poll();
      Object value = step.value;
      if (value.getClass() == type) {
        return step.path();
      }
      for (Step child : children(step)) {
        if (child.value != null
            && !ImmutableTypes.isImmutable(child.value.getClass())
            && seen.add(child.value)) {
          pending.add(child);
        }
      }
    }
    return "";
  }

  private static List<Step> children(Step parent) {
    Object value = parent.value;
    Class<?> type = value.getClass();
    List<Step> children = new ArrayList<>();
    if (value instanceof Object[] array) {
      for (int i = 0; i < array.length; i++) {
        children.add(new Step(parent, "[" + i + "]", array[i]));
      }
    } else if (value instanceof Collection<?> collection) {
      int index = 0;
      for (Object element : collection) {
        children.add(new Step(parent, "[" + index++ + "]", element));
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, element) -> children.add(new Step(parent, "[" + key + "]", element)));
    } else if (type.isRecord()) {
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = ValueCopier.recordComponents(value);
      for (int i = 0; i < values.length; i++) {
        children.add(new Step(parent, "." + components[i].getName(), values[i]));
      }
    } else if (!type.isArray() && !type.getName().startsWith("java.")) {
      Field[] fields = FieldCopier.fieldsOf(type);
      if (fields != null) {
        for (Field field : fields) {
          if (!field.getType().isPrimitive()) {
            try {
              children.add(new Step(parent, "." + field.getName(), field.get(value)));
            } catch (IllegalAccessException e) {
              // a field closed to us: not on any path we can name
            }
          }
        }
      }
    }
    return children;
  }

  /** One object met by the walk, with the step that led to it from its parent. */
  private static final class Step {
    final Step parent;
    final String name;
    final Object value;

    Step(Step parent, String name, Object value) {
      this.parent = parent;
      this.name = name;
      this.value = value;
    }

    String path() {
      List<String> names = new ArrayList<>();
      for (Step step = this; step.parent != null; step = step.parent) {
        names.add(step.name);
      }
      Collections.reverse(names);
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < names.size(); i++) {
        if (names.size() > 2 * ENDS && i == ENDS) {
          path.append("...(").append(names.size() - 2 * ENDS).append(" more)...");
          i = names.size() - ENDS;
        }
        path.append(names.get(i));
      }
      return path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
  }
}
