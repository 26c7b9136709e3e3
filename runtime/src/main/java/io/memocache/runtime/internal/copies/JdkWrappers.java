package io.memocache.runtime.internal.copies;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Kryo serializers for the JDK's wrapper and view collections, shared by copies and stored values.
 * For memocache's own use.
 */
public final class JdkWrappers {
  private JdkWrappers() {}

  /**
   * Registers, as default serializers, the unmodifiable and synchronized wrappers of {@link
   * java.util.Collections}: their contents are copied or written as a public collection and
   * wrapped again.
   *
   * @param kryo the Kryo to configure
   */
  @SuppressWarnings("unchecked")
  public static void register(Kryo kryo) {
    wrap(
        kryo,
        Collections.unmodifiableCollection(new ArrayList<>()),
        c -> Collections.unmodifiableCollection((Collection<Object>) c));
    wrap(
        kryo,
        Collections.unmodifiableList(new ArrayList<>()),
        c -> Collections.unmodifiableList((List<Object>) c));
    wrap(
        kryo,
        Collections.unmodifiableList(new LinkedList<>()),
        c -> Collections.unmodifiableList(new LinkedList<>((List<Object>) c)));
    wrap(
        kryo,
        Collections.unmodifiableSet(new LinkedHashSet<>()),
        c -> Collections.unmodifiableSet((Set<Object>) c));
    wrap(
        kryo,
        Collections.unmodifiableSortedSet(new TreeSet<>()),
        c -> Collections.unmodifiableSortedSet((SortedSet<Object>) c));
    wrap(
        kryo,
        Collections.unmodifiableNavigableSet(new TreeSet<>()),
        c -> Collections.unmodifiableNavigableSet((NavigableSet<Object>) c));
    wrap(
        kryo,
        Collections.unmodifiableMap(new LinkedHashMap<>()),
        m -> Collections.unmodifiableMap((Map<Object, Object>) m));
    wrap(
        kryo,
        Collections.unmodifiableSortedMap(new TreeMap<>()),
        m -> Collections.unmodifiableSortedMap((SortedMap<Object, Object>) m));
    wrap(
        kryo,
        Collections.unmodifiableNavigableMap(new TreeMap<>()),
        m -> Collections.unmodifiableNavigableMap((NavigableMap<Object, Object>) m));
    wrap(
        kryo,
        Collections.synchronizedCollection(new ArrayList<>()),
        c -> Collections.synchronizedCollection((Collection<Object>) c));
    wrap(
        kryo,
        Collections.synchronizedList(new ArrayList<>()),
        c -> Collections.synchronizedList((List<Object>) c));
    wrap(
        kryo,
        Collections.synchronizedList(new LinkedList<>()),
        c -> Collections.synchronizedList(new LinkedList<>((List<Object>) c)));
    wrap(
        kryo,
        Collections.synchronizedSet(new LinkedHashSet<>()),
        c -> Collections.synchronizedSet((Set<Object>) c));
    wrap(
        kryo,
        Collections.synchronizedMap(new LinkedHashMap<>()),
        m -> Collections.synchronizedMap((Map<Object, Object>) m));
  }

  private static void wrap(Kryo kryo, Object sample, UnaryOperator<Object> wrapper) {
    kryo.addDefaultSerializer(sample.getClass(), new WrapperCopier(wrapper));
  }

  /**
   * Returns the serializer for JDK-internal collections and maps (views, {@code subList}s): a copy
   * or a written form in the public class of the same family.
   *
   * @return a new serializer
   */
  public static Serializer<Object> views() {
    return new ViewCopier();
  }

  /** Copies a wrapper's contents with {@link ViewCopier} and wraps the copy again. */
  private static final class WrapperCopier extends Serializer<Object> {
    private final UnaryOperator<Object> wrapper;

    WrapperCopier(UnaryOperator<Object> wrapper) {
      this.wrapper = wrapper;
    }

    @Override
    public void write(Kryo kryo, Output output, Object wrapped) {
      kryo.writeClassAndObject(output, ViewCopier.plainCopyOf(wrapped));
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      return wrapper.apply(kryo.readClassAndObject(input));
    }

    @Override
    public Object copy(Kryo kryo, Object wrapped) {
      return wrapper.apply(kryo.copy(ViewCopier.plainCopyOf(wrapped)));
    }
  }

  /** Copies a JDK-internal collection or map into the public class of the same family. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ViewCopier extends Serializer<Object> {
    /** A shallow copy in a public collection class that Kryo copies without reflection. */
    static Object plainCopyOf(Object view) {
      if (view instanceof EnumMap enumMap) {
        return new EnumMap(enumMap);
      }
      if (view instanceof Map map) {
        return view instanceof SortedMap sorted ? new TreeMap(sorted) : new LinkedHashMap(map);
      }
      if (view instanceof List list) {
        return new ArrayList(list);
      }
      if (view instanceof SortedSet sorted) {
        return new TreeSet(sorted);
      }
      if (view instanceof Set set) {
        return new LinkedHashSet(set);
      }
      if (view instanceof Queue queue) {
        return new ArrayDeque(queue);
      }
      return new ArrayList((Collection) view);
    }

    @Override
    public void write(Kryo kryo, Output output, Object view) {
      kryo.writeClassAndObject(output, plainCopyOf(view));
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      return kryo.readClassAndObject(input);
    }

    @Override
    public Object copy(Kryo kryo, Object view) {
      if (view instanceof EnumMap enumMap) {
        // Keeps the enum key type, which an empty EnumMap only holds privately.
        EnumMap copy = new EnumMap(enumMap);
        copy.replaceAll((key, value) -> kryo.copy(value));
        return copy;
      }
      return kryo.copy(plainCopyOf(view));
    }
  }
}
