package io.memocache.runtime.internal.copies;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoCopyable;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.memocache.runtime.internal.types.ImmutableTypes;
import io.memocache.runtime.internal.types.OpaqueTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/*
 * Design note.
 *
 * @Memo hands out copies. Immutable values (ImmutableTypes) are returned as they are, primitive
 * arrays are cloned (memory speed), standard containers of immutable values or primitive arrays
 * are rebuilt directly (ContainerCopies), and everything else goes through Kryo's in-memory copy,
 * which never serializes to bytes.
 *
 * Kryo is configured once per pooled instance: references on (shared objects stay shared and
 * cycles are preserved in the copy), except in a second pool used for stored values whose graph
 * is a tree (GraphShapes, decided once when the value is stored); no registration; instances made
 * through a no-arg constructor where there is one, else without running a constructor
 * (ConstructorlessInstantiation: classes with final fields and no such constructor). On JDK 17+
 * Kryo must never reflect into private fields of java.* classes, which
 * fails without --add-opens, so CopyingKryo picks serializers of our own for the JDK shapes stock
 * Kryo gets wrong:
 *  - records: Kryo's record serializer treats every record as immutable and returns the same
 *    instance from copy(), sharing a record's int[] or mutable List with the cache. Ours copies
 *    each component and calls the canonical constructor (immutable records are returned as is).
 *  - Collections.unmodifiable* / synchronized* wrappers: their contents are copied into a fresh
 *    collection of the same family, then wrapped again, so the copy keeps its wrapper type.
 *  - EnumMap (no public no-arg constructor): rebuilt through its copy constructor, values copied.
 *  - other non-public JDK collections (subList views, keySet views, ...): copied into the public
 *    collection of the same family (ArrayList, LinkedHashSet, TreeSet, LinkedHashMap, TreeMap).
 *    The copy then is modifiable where the view was a view, which a caller holding a copy cannot
 *    observe as a difference in content.
 *  - handles on the process (OpaqueTypes: threads, streams, sockets, lambdas, ...) anywhere in the
 *    graph: refused, because a clone of one would be a broken object.
 *  - user classes: FieldCopier, a per-class plan that is several times faster than Kryo's generic
 *    FieldSerializer (which stays for classes whose fields are closed to reflection).
 * List.of/Set.of/Map.of use Kryo's ImmutableCollectionsSerializers; Optional, EnumSet, EnumMap,
 * Arrays.asList, Collections.empty and singleton collections use Kryo's defaults.
 *
 * Flat values. A stored value of a user class whose fields are all primitive or of final immutable
 * types (FieldCopier.flat(): a bean of an int, a String and a double) needs nothing of Kryo: no
 * reference map, no depth count, no registration lookup. Whether it is flat is decided when it is
 * stored, from the serializer the stored copy was made with (so classes closed to reflection, with
 * a serializer of their own, or KryoCopyable keep the Kryo path), and recorded in its StoredGraph;
 * its hits then call the class's generated field copy directly. Measured with AsyncHitBenchmark
 * (a bean of an int, a String and a double; short runs on a loaded 2-core machine, repeated): a
 * hit without a future went from 61-186 ns and 56-80 B to 15 ns and 32 B (the bean itself); with
 * a completed future from 73-164 ns to 28 ns, against 12-20 ns for ConcurrentHashMap.get plus a
 * hand-written copy and completedFuture.
 *
 * Pools. Each copy through Kryo borrows a CopyingKryo from a SlotPool, which takes and gives
 * back with one compare-and-set and no allocation (Kryo's own thread-safe Pool is a
 * LinkedBlockingQueue: a lock, and a node allocated on every free).
 *
 * Depth: copies recurse (Kryo's serializers and the compiled field copies call kryo.copy per
 * reference), which is what makes them fast. CopyingKryo counts the depth, and a graph deeper than
 * RECURSION_LIMIT is copied again by IterativeCopy, with an explicit work stack. A failure names
 * where in the value the offending object sits (ValuePaths), looked for only once a copy failed;
 * a StackOverflowError is never reported as an uncopyable type.
 *
 * Class loaders: stock Kryo remembers every class it meets in maps of the (pooled, static) Kryo
 * instance, which would keep a hot-reloaded application's classes, and so its class loader, alive
 * forever. ClassValueResolver keeps those implicit registrations in a ClassValue instead: stored
 * on the class itself, they go away with it.
 */

/** Deep copies of {@code @Memo} results: the copy engine's facade. For memocache's own use. */
public final class ValueCopier {
  private static final SlotPool<CopyingKryo> TRACKING = pool(true);
  private static final SlotPool<CopyingKryo> UNTRACKED = pool(false);

  private static SlotPool<CopyingKryo> pool(boolean trackReferences) {
    return new SlotPool<>(
        4 * Runtime.getRuntime().availableProcessors(),
        () -> {
          UnsafeFreeKryo.load();
          return new CopyingKryo(trackReferences);
        });
  }

  /**
   * A stored {@code @Memo} value that only the copy engine can copy, with how its hits copy it:
   * directly by the field copier of its flat class ({@code flat}, else null), or through Kryo,
   * knowing whether its graph is a tree (then its copies need no reference tracking) and whether
   * it is too deep to copy recursively (then its copies go straight to the iterative copy). The
   * stored value is the cache's own copy and never changes, so this is decided once, when it is
   * stored.
   */
  record StoredGraph(Object value, boolean tree, boolean deep, FieldCopier flat) {}

  private ValueCopier() {}

  /** Clones a primitive array (clone() skips the zeroing a new array plus arraycopy would pay). */
  public static Object clonePrimitiveArray(Object array) {
    return ContainerCopies.cloneArray(array);
  }

  /**
   * Returns a copy of the value that shares no mutable state with it, or the value itself when it
   * is null or immutable.
   *
   * @throws UncopyableValueException when the value, or something inside it, cannot be copied
   */
  public static Object copy(Object value) {
    return copy(value, false);
  }

  /**
   * Like {@link #copy(Object)}, for a value whose declared type guarantees that it is a container
   * of immutable elements (when {@code immutableElements} is true): then a container of a known
   * class is copied without looking at its elements.
   */
  public static Object copy(Object value, boolean immutableElements) {
    if (value instanceof StoredGraph graph) {
      return graph.flat() != null
          ? flatCopy(graph.value(), graph.flat())
          : kryoCopy(graph.value(), graph.tree() ? UNTRACKED : TRACKING, graph.deep());
    }
    Object cheap = cheapCopy(value, immutableElements);
    return cheap != NEEDS_KRYO ? cheap : kryoCopy(value, TRACKING, false);
  }

  /**
   * Returns the form a {@code @Memo} cache stores for a result: its own copy, wrapped in a
   * {@link StoredGraph} when only Kryo can copy it. {@link #copy} accepts either form.
   *
   * @throws UncopyableValueException when the value, or something inside it, cannot be copied
   */
  public static Object storedCopy(Object value, boolean immutableElements) {
    Object cheap = cheapCopy(value, immutableElements);
    if (cheap != NEEDS_KRYO) {
      return cheap;
    }
    CopyingKryo kryo = TRACKING.obtain();
    Object copy;
    boolean deep;
    FieldCopier flat;
    try {
      copy = kryo.copyAtAnyDepth(value, false);
      deep = kryo.copiedIteratively();
      flat = kryo.flatCopierOf(copy.getClass());
    } catch (RuntimeException e) {
      throw uncopyable(value, e);
    } finally {
      kryo.forgetLastRegistration();
      TRACKING.free(kryo);
    }
    return storedGraph(copy, deep, flat);
  }

  /**
   * Returns the stored form of a value the cache already owns, such as one just deserialized from
   * the memo store, without copying it: with the facts {@link #storedCopy} records (tree, flat), so
   * that its hits copy as fast as those of a computed value.
   *
   * @throws UncopyableValueException when the value, or something inside it, cannot be copied
   */
  public static Object adopt(Object owned, boolean immutableElements) {
    if (owned == null) {
      return null;
    }
    Class<?> type = owned.getClass();
    if (ImmutableTypes.isImmutable(type)
        || (type.isArray() && type.getComponentType().isPrimitive())
        || cheapCopy(owned, immutableElements) != NEEDS_KRYO) {
      // Its hits copy it the cheap way, as they would a computed value's stored copy.
      return owned;
    }
    CopyingKryo kryo = TRACKING.obtain();
    try {
      FieldCopier flat = kryo.flatCopierOf(type);
      return storedGraph(owned, false, flat);
    } catch (RuntimeException e) {
      throw uncopyable(owned, e);
    } finally {
      kryo.forgetLastRegistration();
      TRACKING.free(kryo);
    }
  }

  /**
   * Returns the user's value in a stored form that {@link #storedCopy} returned: what is persisted
   * or handed on, never the copy engine's own wrapper. The result must not be mutated: it is the
   * cache's own copy.
   */
  public static Object storedValue(Object stored) {
    return stored instanceof StoredGraph graph ? graph.value() : stored;
  }

  /** The facts a stored value's hits copy by: a flat value's graph is a tree by definition. */
  private static StoredGraph storedGraph(Object value, boolean deep, FieldCopier flat) {
    return new StoredGraph(value, flat != null || GraphShapes.isTree(value), deep, flat);
  }

  /** Returned by {@link #cheapCopy} when the value needs Kryo. */
  private static final Object NEEDS_KRYO = new Object();

  private static Object cheapCopy(Object value, boolean immutableElements) {
    if (value == null) {
      return null;
    }
    Class<?> type = value.getClass();
    if (ImmutableTypes.isImmutable(type)) {
      return value;
    }
    if (type.isArray() && type.getComponentType().isPrimitive()) {
      return ContainerCopies.cloneArray(value);
    }
    if (OpaqueTypes.isOpaque(type)) {
      throw new UncopyableValueException(type, "", null);
    }
    Object cheap = ContainerCopies.copyOrNull(value, immutableElements);
    return cheap != null ? cheap : NEEDS_KRYO;
  }

  /** A hit on a flat value: its class's field copy, no Kryo. Failures read as Kryo's would. */
  private static Object flatCopy(Object value, FieldCopier copier) {
    try {
      return copier.copyFlat(value);
    } catch (RuntimeException e) {
      throw uncopyable(value, e);
    }
  }

  private static Object kryoCopy(Object value, SlotPool<CopyingKryo> kryos, boolean deep) {
    CopyingKryo kryo = kryos.obtain();
    try {
      return kryo.copyAtAnyDepth(value, deep);
    } catch (RuntimeException e) {
      throw uncopyable(value, e);
    } finally {
      kryo.forgetLastRegistration();
      kryos.free(kryo);
    }
  }

  /**
   * Turns a failed copy into the exception that names what could not be copied and where it sits
   * in the value; the path is looked for only now, on failure. A stack overflow that a serializer
   * wrapped is rethrown as itself: it says nothing about the type.
   */
  private static RuntimeException uncopyable(Object value, RuntimeException failure) {
    UncopyableValueException found = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StackOverflowError overflow) {
        throw overflow;
      }
      if (found == null && cause instanceof UncopyableValueException uncopyable) {
        found = uncopyable;
      }
    }
    if (found == null) {
      return new UncopyableValueException(value.getClass(), "", failure);
    }
    return new UncopyableValueException(
        found.type(), ValuePaths.pathTo(value, found.type()), found.getCause());
  }

  /** A Kryo that chooses our serializers for the JDK shapes stock Kryo cannot copy. */
  private static final class CopyingKryo extends Kryo {
    /**
     * How deep a recursive copy may go before it starts again without recursion (IterativeCopy).
     * Each level costs a few stack frames; ordinary values are a few levels deep, and this leaves
     * most of a default thread stack to the caller.
     */
    static final int RECURSION_LIMIT = 256;

    private final boolean trackReferences;
    private Class<?> lastType;
    private Registration lastRegistration;
    /** The depth of the recursive copy under way. */
    private int depth;
    /** The iterative copy under way, or null while copies recurse. */
    private IterativeCopy iterative;
    /** Whether the last top-level copy was iterative. */
    private boolean copiedIteratively;

    CopyingKryo(boolean trackReferences) {
      super(new ClassValueResolver(), null);
      this.trackReferences = trackReferences;
      setRegistrationRequired(false);
      // References matter to copies only through copyReferences; the untracked Kryo also turns
      // off the serialization-side flag so that serializers' reference() calls are no-ops there.
      setReferences(trackReferences);
      setCopyReferences(trackReferences);
      setInstantiatorStrategy(
          new DefaultInstantiatorStrategy(ConstructorlessInstantiation.INSTANCE));
      ImmutableCollectionsSerializers.addDefaultSerializers(this);
      JdkWrappers.register(this);
      // Registering may have looked classes up; nothing looked up before it may be remembered.
      forgetLastRegistration();
    }

    /**
     * Kryo's copy looks every object up in an identity map of the copies made so far, even with
     * reference tracking off, and keeps depth bookkeeping to clear that map. A copy of a tree
     * (GraphShapes) needs neither: each object is met once. Measured on a list of 100,000 beans,
     * that bookkeeping was a large part of each bean's copy.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T copy(T object) {
      if (iterative != null) {
        return (T) iterative.copy(object);
      }
      if (++depth > RECURSION_LIMIT) {
        throw TooDeep.INSTANCE;
      }
      try {
        if (trackReferences) {
          return super.copy(object);
        }
        if (object == null) {
          return null;
        }
        // KryoCopyable classes get SelfCopying as their serializer (getDefaultSerializer).
        return (T) getRegistration(object.getClass()).getSerializer().copy(this, object);
      } finally {
        depth--;
      }
    }

    /**
     * Copies the value recursively, or, when its graph is too deep for that (or is known to be:
     * {@code deep}), iteratively.
     */
    Object copyAtAnyDepth(Object value, boolean deep) {
      copiedIteratively = deep;
      if (!deep) {
        try {
          return copy(value);
        } catch (TooDeep e) {
          // Every frame of the abandoned copy has unwound (Kryo's own state resets as it does).
          copiedIteratively = true;
        }
      }
      iterative = new IterativeCopy(this, trackReferences);
      try {
        return iterative.copy(value);
      } finally {
        iterative = null;
      }
    }

    /** Whether the last {@link #copyAtAnyDepth} copied iteratively. */
    boolean copiedIteratively() {
      return copiedIteratively;
    }

    @Override
    public void reference(Object object) {
      if (iterative != null) {
        iterative.referenced(object);
      } else {
        super.reference(object);
      }
    }

    /**
     * Kryo's own lookup of an unregistered class runs a proxy, enum, EnumSet and closure check on
     * every object copied, twice (to copy it and to instantiate it). Classes without such a
     * mapping go straight to their implicit registration. The last class looked up is remembered
     * for the length of one copy, since a graph's objects mostly come in runs of one class (the
     * elements of a list); {@link #forgetLastRegistration} drops it so that a pooled Kryo never
     * holds on to a class.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public Registration getRegistration(Class type) {
      if (type == lastType) {
        return lastRegistration;
      }
      Registration registration = getClassResolver().getRegistration(type);
      if (registration == null) {
        registration =
            ClassValueResolver.PLAIN.get(type)
                ? getClassResolver().registerImplicit(type)
                : super.getRegistration(type);
      }
      lastType = type;
      lastRegistration = registration;
      return registration;
    }

    /**
     * Returns the copier of the class if this Kryo copies its instances with a {@linkplain
     * FieldCopier#flat() flat} FieldCopier, else null. For a class this Kryo has copied already.
     */
    @SuppressWarnings("rawtypes")
    FieldCopier flatCopierOf(Class type) {
      return getRegistration(type).getSerializer() instanceof FieldCopier copier && copier.flat()
          ? copier
          : null;
    }

    /** Drops the remembered registration, at the end of each top-level copy. */
    void forgetLastRegistration() {
      lastType = null;
      lastRegistration = null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Serializer getDefaultSerializer(Class type) {
      if (KryoCopyable.class.isAssignableFrom(type)) {
        return new SelfCopying();
      }
      if (OpaqueTypes.isOpaque(type)) {
        return new Refusing(type);
      }
      if (type.isRecord()) {
        return new RecordCopier(type);
      }
      if (type == ArrayList.class) {
        return new ArrayListCopier();
      }
      // Kryo's serializers reach fields from Kryo's module: give it what the user's module
      // opened to memocache (ModuleAccess).
      ModuleAccess.passOpensOn(type, Kryo.class.getModule());
      Serializer serializer = super.getDefaultSerializer(type);
      // Kryo's generic serializers would rebuild these through private fields or a constructor
      // they lack; its specific ones (List.of, EnumSet, Arrays.asList, ...) are kept.
      Class<?> chosen = serializer.getClass();
      boolean generic =
          chosen == CollectionSerializer.class
              || chosen == MapSerializer.class
              || chosen == FieldSerializer.class;
      if (generic
          && isInternalJdkClass(type)
          && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))) {
        return JdkWrappers.views();
      }
      if (chosen == FieldSerializer.class && !type.getName().startsWith("java.")) {
        FieldCopier fieldCopier = FieldCopier.forClass(type);
        if (fieldCopier != null) {
          return fieldCopier;
        }
      }
      return serializer;
    }

    /** A JDK class whose instances Kryo could only rebuild by reflecting into private state. */
    private static boolean isInternalJdkClass(Class<?> type) {
      if (!type.getName().startsWith("java.")) {
        return false;
      }
      if (!Modifier.isPublic(type.getModifiers())) {
        return true;
      }
      try {
        return !Modifier.isPublic(type.getConstructor().getModifiers());
      } catch (NoSuchMethodException e) {
        return true;
      }
    }
  }

  /**
   * Abandons a recursive copy that went too deep. An Error, so that no serializer's handling of
   * runtime exceptions wraps it; shared and without a stack trace, since it carries nothing.
   */
  private static final class TooDeep extends Error {
    private static final long serialVersionUID = 1L;
    static final TooDeep INSTANCE = new TooDeep();

    private TooDeep() {
      super(null, null, false, false);
    }
  }

  /**
   * Keeps implicit registrations on the classes themselves, so no class is held forever, and finds
   * them fast (see {@link CopyingKryo#getRegistration}).
   */
  private static final class ClassValueResolver extends DefaultClassResolver {
    /** Classes Kryo registers under their own name, without mapping them to another class. */
    static final ClassValue<Boolean> PLAIN =
        new ClassValue<>() {
          @Override
          protected Boolean computeValue(Class<?> type) {
            return !java.lang.reflect.Proxy.isProxyClass(type)
                && !Enum.class.isAssignableFrom(type)
                && !java.util.EnumSet.class.isAssignableFrom(type)
                && type.getName().indexOf('/') < 0;
          }
        };

    private final ClassValue<Registration> implicitRegistrations =
        new ClassValue<>() {
          @Override
          protected Registration computeValue(Class<?> type) {
            return new Registration(type, kryo.getDefaultSerializer(type), NAME);
          }
        };

    @Override
    @SuppressWarnings("rawtypes")
    public Registration registerImplicit(Class type) {
      return implicitRegistrations.get(type);
    }
  }

  /** Refuses process handles wherever they sit in the graph. */
  private static final class Refusing extends Serializer<Object> {
    private final Class<?> type;

    Refusing(Class<?> type) {
      this.type = type;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
      throw new UncopyableValueException(type, "", null);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> ignored) {
      throw new UncopyableValueException(type, "", null);
    }

    @Override
    public Object copy(Kryo kryo, Object original) {
      throw new UncopyableValueException(type, "", null);
    }
  }

  /** Copies an ArrayList into one of the right capacity, instead of growing it element by element. */
  static final class ArrayListCopier extends CollectionSerializer<ArrayList<Object>> {
    @Override
    protected ArrayList<Object> createCopy(Kryo kryo, ArrayList<Object> original) {
      return new ArrayList<>(original.size());
    }
  }

  /**
   * Lets a class that implements KryoCopyable copy itself, as Kryo's own copy does, without a
   * type check on every object copied.
   */
  private static final class SelfCopying extends CopyOnlySerializer {
    @Override
    public Object copy(Kryo kryo, Object original) {
      return ((KryoCopyable<?>) original).copy(kryo);
    }
  }

  /** Copies records component by component through the canonical constructor. */
  static final class RecordCopier extends Serializer<Object> {
    private static final ClassValue<RecordShape> SHAPES =
        new ClassValue<>() {
          @Override
          protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
          }
        };

    private final RecordShape shape;

    RecordCopier(Class<?> type) {
      this.shape = SHAPES.get(type);
    }

    @Override
    public void write(Kryo kryo, Output output, Object record) {
      for (Object component : shape.components(record)) {
        kryo.writeClassAndObject(output, component);
      }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      Object[] components = new Object[shape.accessors.length];
      for (int i = 0; i < components.length; i++) {
        components[i] = kryo.readClassAndObject(input);
      }
      return shape.create(components);
    }

    /** Whether records of this class are immutable, and so are never copied. */
    boolean immutable() {
      return shape.immutable;
    }

    /** The record's component values, in declaration order. */
    Object[] components(Object record) {
      return shape.components(record);
    }

    /** A record of this class made from its (copied) components. */
    Object create(Object[] components) {
      return shape.create(components);
    }

    @Override
    public Object copy(Kryo kryo, Object original) {
      if (shape.immutable) {
        return original;
      }
      Object[] components = shape.components(original);
      for (int i = 0; i < components.length; i++) {
        components[i] = kryo.copy(components[i]);
      }
      return shape.create(components);
    }
  }

  /** Returns a record's component values, in declaration order. */
  static Object[] recordComponents(Object record) {
    return RecordCopier.SHAPES.get(record.getClass()).components(record);
  }

  /** How to take a record apart and build it again. */
  private static final class RecordShape {
    final boolean immutable;
    final Method[] accessors;
    final Constructor<?> constructor;

    RecordShape(Class<?> type) {
      this.immutable = ImmutableTypes.isImmutable(type);
      RecordComponent[] components = type.getRecordComponents();
      this.accessors = new Method[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
        types[i] = components[i].getType();
      }
      try {
        this.constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record without canonical constructor: " + type, e);
      }
    }

    Object[] components(Object record) {
      Object[] values = new Object[accessors.length];
      try {
        for (int i = 0; i < values.length; i++) {
          values[i] = accessors[i].invoke(record);
        }
      } catch (ReflectiveOperationException e) {
        throw new UncopyableValueException(record.getClass(), "", e);
      }
      return values;
    }

    Object create(Object[] components) {
      try {
        return constructor.newInstance(components);
      } catch (ReflectiveOperationException e) {
        throw new UncopyableValueException(constructor.getDeclaringClass(), "", e);
      }
    }
  }
}
