package io.memocache.runtime.internal.copies;

import org.objenesis.instantiator.ObjectInstantiator;
import org.objenesis.instantiator.sun.UnsafeFactoryInstantiator;
import org.objenesis.instantiator.util.UnsafeUtils;
import org.objenesis.strategy.InstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

/*
 * Design note: a copy of an object whose class has no no-arg constructor (a bean with an all-args
 * constructor, a class with final fields) must be created without running any constructor, then
 * filled field by field. Objenesis's standard strategy does this on HotSpot through a
 * serialization constructor called reflectively; measured on a list of 100,000 such beans, that
 * reflective call was most of each bean's copy. The JVM's own allocation of an uninitialized
 * instance (sun.misc.Unsafe.allocateInstance, exported by jdk.unsupported: no --add-opens, and not
 * one of the memory-access methods JDK 24+ warns about) does the same thing at the cost of an
 * allocation. Where it is unavailable, Objenesis's standard strategy stays. This class is the one
 * place that decides whether that allocation is available; FieldCopier hands the same Unsafe
 * to FieldCopyClasses for the copiers that allocate their class as a constant.
 */

/** Creates instances without running a constructor, by the JVM's plain allocation where it can. */
final class ConstructorlessInstantiation implements InstantiatorStrategy {
  static final InstantiatorStrategy INSTANCE = new ConstructorlessInstantiation();

  private static final boolean ALLOCATES = allocates();
  /** The JVM's sun.misc.Unsafe where ALLOCATES, for copiers that allocate on their own; or null. */
  private static final Object UNSAFE = ALLOCATES ? unsafeOrNull() : null;

  private final InstantiatorStrategy standard = new StdInstantiatorStrategy();

  private ConstructorlessInstantiation() {}

  private static boolean allocates() {
    try {
      return new UnsafeFactoryInstantiator<>(Probe.class).newInstance() instanceof Probe;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static Object unsafeOrNull() {
    try {
      return UnsafeUtils.getUnsafe();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Whether instances come from the JVM's plain allocation (else from Objenesis's standard). */
  static boolean allocatesDirectly() {
    return ALLOCATES;
  }

  /**
   * Returns the sun.misc.Unsafe that allocates instances without a constructor, or null where the
   * JVM's plain allocation is not available.
   */
  static Object unsafe() {
    return UNSAFE;
  }

  @Override
  public <T> ObjectInstantiator<T> newInstantiatorOf(Class<T> type) {
    return ALLOCATES ? new UnsafeFactoryInstantiator<>(type) : standard.newInstantiatorOf(type);
  }

  private static final class Probe {
    @SuppressWarnings("unused")
    private final int value;

    Probe(int value) {
      this.value = value;
    }
  }
}
