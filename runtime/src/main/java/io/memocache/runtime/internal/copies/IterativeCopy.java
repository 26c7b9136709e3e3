package io.memocache.runtime.internal.copies;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableListSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableMapSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableSetSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/*
 * Design note: Kryo's copy, and the compiled field copies that make a bean's copy fast
 * (FieldCopyClasses), recurse: each level of a graph costs a few stack frames, so a user's linked
 * list of a few thousand nodes overflowed the stack. Copies start recursive, and CopyingKryo
 * counts the depth; a graph deeper than its limit (far beyond any ordinary DTO) abandons that
 * copy and starts again here, where the graph's depth lives in an explicit stack on the heap.
 * Restarting costs at most the abandoned part of the copy, only on deep graphs, and a stored
 * value found deep (ValueCopier.StoredGraph) is copied here directly on every hit; the recursive
 * path pays one counter per object.
 *
 * This copy does what the recursive one does, object for object, in the same order: a copy is
 * registered (for shared references and cycles) where Kryo's serializers register it, and handed
 * to its parent only when it is complete, so a HashSet hashes finished elements, as it does
 * under recursion. It walks the shapes that make graphs deep: user classes (FieldCopier's plan,
 * by reflection), object arrays, the standard collections and maps Kryo copies generically,
 * records, and JDK immutable collections. Every other serializer (wrappers, views, EnumMap,
 * Optional, KryoCopyable, Kryo's own field serializer) is called as under recursion; its nested
 * kryo.copy calls come back here, each as a walk of its own, so only a graph nested through
 * thousands of such objects in a row could still exhaust the stack. Then the StackOverflowError
 * propagates as what it is.
 */

/** Copies one graph without recursion, for graphs too deep for the recursive copy. */
final class IterativeCopy {
  /** Returned by {@link #start} when the copy is in progress on the stack. */
  private static final Object PENDING = new Object();

  private final Kryo kryo;
  /** Copies made so far, by original; null when the graph is a tree (no tracking). */
  private final IdentityHashMap<Object, Object> copies;
  /**
   * The original whose copy a delegated serializer is about to report through
   * {@link Kryo#reference}, or null once reported.
   */
  private Object referencing;

  IterativeCopy(Kryo kryo, boolean trackReferences) {
    this.kryo = kryo;
    this.copies = trackReferences ? new IdentityHashMap<>() : null;
  }

  /** Copies a graph, or a part of one on behalf of a delegated serializer. */
  Object copy(Object root) {
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    Object result = start(root, stack);
    while (!stack.isEmpty()) {
      Frame top = stack.peek();
      if (top.hasNext()) {
        Object child = start(top.next(), stack);
        if (child != PENDING) {
          top.accept(child);
        }
      } else {
        stack.pop();
        Object done = top.finish();
        if (top.registersWhenDone()) {
          register(top.original, done);
        }
        if (stack.isEmpty()) {
          return done;
        }
        stack.peek().accept(done);
      }
    }
    return result;
  }

  /** Called through {@link Kryo#reference} by a delegated serializer that made a copy. */
  void referenced(Object copy) {
    if (referencing != null) {
      register(referencing, copy);
      referencing = null;
    }
  }

  private void register(Object original, Object copy) {
    if (copies != null) {
      copies.put(original, copy);
    }
  }

  /** Returns the copy, or PENDING after pushing the frame that will finish it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object start(Object original, ArrayDeque<Frame> stack) {
    if (original == null) {
      return null;
    }
    if (copies != null) {
      Object known = copies.get(original);
      if (known != null) {
        return known;
      }
    }
    Class<?> type = original.getClass();
    Serializer serializer = kryo.getRegistration(type).getSerializer();
    Class<?> kind = serializer.getClass();
    Frame frame;
    if (serializer instanceof FieldCopier fields) {
      Object copy = fields.newCopy(kryo);
      register(original, copy);
      Field[] deep = fields.copyShallowFields(original, copy);
      if (deep.length == 0) {
        return copy;
      }
      frame = new FieldsFrame(original, copy, deep);
    } else if (kind == ObjectArraySerializer.class) {
      Object[] array = (Object[]) original;
      Object[] copy = (Object[]) Array.newInstance(type.getComponentType(), array.length);
      register(original, copy);
      frame = new ArrayFrame(array, copy);
    } else if (kind == ValueCopier.ArrayListCopier.class || kind == CollectionSerializer.class) {
      Collection<?> collection = (Collection<?>) original;
      Collection copy =
          kind == CollectionSerializer.class
              ? (Collection) kryo.newInstance(type)
              : new ArrayList<>(collection.size());
      register(original, copy);
      frame = new CollectionFrame(original, collection.iterator(), copy, null);
    } else if (kind == MapSerializer.class) {
      Map copy = (Map) kryo.newInstance(type);
      register(original, copy);
      frame = new MapFrame(original, ((Map<?, ?>) original).entrySet().iterator(), copy, null);
    } else if (kind == JdkImmutableListSerializer.class || kind == JdkImmutableSetSerializer.class) {
      // As Kryo's serializers: elements copied into a plain collection (registered, so a cycle
      // back to it ends), then frozen.
      Collection<?> collection = (Collection<?>) original;
      boolean list = kind == JdkImmutableListSerializer.class;
      Collection copy = list ? new ArrayList<>(collection.size()) : new HashSet<>();
      register(original, copy);
      UnaryOperator<Object> freeze =
          list ? c -> List.copyOf((Collection) c) : c -> Set.copyOf((Collection) c);
      frame = new CollectionFrame(original, collection.iterator(), copy, freeze);
    } else if (kind == JdkImmutableMapSerializer.class) {
      Map copy = new HashMap<>();
      register(original, copy);
      frame =
          new MapFrame(
              original, ((Map<?, ?>) original).entrySet().iterator(), copy, m -> Map.copyOf((Map) m));
    } else if (serializer instanceof ValueCopier.RecordCopier records && !records.immutable()) {
      frame = new RecordFrame(original, records, records.components(original));
    } else {
      return delegate(original, serializer);
    }
    stack.push(frame);
    return PENDING;
  }

  /** Lets the serializer copy the object as under recursion; its kryo.copy calls walk anew. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object delegate(Object original, Serializer serializer) {
    Object outer = referencing;
    referencing = original;
    try {
      Object copy = serializer.copy(kryo, original);
      if (referencing == original) {
        register(original, copy); // as Kryo registers a copy its serializer did not report
      }
      return copy;
    } finally {
      referencing = outer;
    }
  }

  /** A copy in progress: its children are copied one by one, then it is finished. */
  private abstract static class Frame {
    final Object original;

    Frame(Object original) {
      this.original = original;
    }

    abstract boolean hasNext();

    /** The next child to copy; {@link #accept} receives its copy before the next call. */
    abstract Object next();

    abstract void accept(Object childCopy);

    abstract Object finish();

    /** Whether the copy is registered when finished (else it was when started). */
    boolean registersWhenDone() {
      return false;
    }
  }

  private static final class FieldsFrame extends Frame {
    private final Object copy;
    private final Field[] fields;
    private int index;

    FieldsFrame(Object original, Object copy, Field[] fields) {
      super(original);
      this.copy = copy;
      this.fields = fields;
    }

    @Override
    boolean hasNext() {
      return index < fields.length;
    }

    @Override
    Object next() {
      try {
        return fields[index].get(original);
      } catch (IllegalAccessException e) {
        throw new UncopyableValueException(original.getClass(), e);
      }
    }

    @Override
    void accept(Object childCopy) {
      try {
        fields[index++].set(copy, childCopy);
      } catch (IllegalAccessException e) {
        throw new UncopyableValueException(original.getClass(), e);
      }
    }

    @Override
    Object finish() {
      return copy;
    }
  }

  private static final class ArrayFrame extends Frame {
    private final Object[] array;
    private final Object[] copy;
    private int index;

    ArrayFrame(Object[] array, Object[] copy) {
      super(array);
      this.array = array;
      this.copy = copy;
    }

    @Override
    boolean hasNext() {
      return index < array.length;
    }

    @Override
    Object next() {
      return array[index];
    }

    @Override
    void accept(Object childCopy) {
      copy[index++] = childCopy;
    }

    @Override
    Object finish() {
      return copy;
    }
  }

  private static final class CollectionFrame extends Frame {
    private final Iterator<?> elements;
    private final Collection<Object> copy;
    private final UnaryOperator<Object> finisher;

    CollectionFrame(
        Object original,
        Iterator<?> elements,
        Collection<Object> copy,
        UnaryOperator<Object> finisher) {
      super(original);
      this.elements = elements;
      this.copy = copy;
      this.finisher = finisher;
    }

    @Override
    boolean hasNext() {
      return elements.hasNext();
    }

    @Override
    Object next() {
      return elements.next();
    }

    @Override
    void accept(Object childCopy) {
      copy.add(childCopy);
    }

    @Override
    Object finish() {
      return finisher == null ? copy : finisher.apply(copy);
    }
  }

  /** A map's entries, as two children each: the key, then the value. */
  private static final class MapFrame extends Frame {
    private final Iterator<? extends Map.Entry<?, ?>> entries;
    private final Map<Object, Object> copy;
    private final UnaryOperator<Object> finisher;
    private Map.Entry<?, ?> entry;
    private Object keyCopy;
    private boolean atValue;

    MapFrame(
        Object original,
        Iterator<? extends Map.Entry<?, ?>> entries,
        Map<Object, Object> copy,
        UnaryOperator<Object> finisher) {
      super(original);
      this.entries = entries;
      this.copy = copy;
      this.finisher = finisher;
    }

    @Override
    boolean hasNext() {
      return atValue || entries.hasNext();
    }

    @Override
    Object next() {
      if (atValue) {
        return entry.getValue();
      }
      entry = entries.next();
      return entry.getKey();
    }

    @Override
    void accept(Object childCopy) {
      if (atValue) {
        copy.put(keyCopy, childCopy);
        keyCopy = null;
      } else {
        keyCopy = childCopy;
      }
      atValue = !atValue;
    }

    @Override
    Object finish() {
      return finisher == null ? copy : finisher.apply(copy);
    }
  }

  private static final class RecordFrame extends Frame {
    private final ValueCopier.RecordCopier records;
    private final Object[] components;
    private int index;

    RecordFrame(Object original, ValueCopier.RecordCopier records, Object[] components) {
      super(original);
      this.records = records;
      this.components = components;
    }

    @Override
    boolean hasNext() {
      return index < components.length;
    }

    @Override
    Object next() {
      return components[index];
    }

    @Override
    void accept(Object childCopy) {
      components[index++] = childCopy;
    }

    @Override
    Object finish() {
      return records.create(components);
    }

    @Override
    boolean registersWhenDone() {
      return true;
    }
  }
}
