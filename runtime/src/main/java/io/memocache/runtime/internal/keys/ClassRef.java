package io.memocache.runtime.internal.keys;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Design note: a key must name a class (a Class argument, the type of a snapshotted object or
 * array) without keeping its class loader alive, and two same-named classes of two loaders must
 * stay two keys. Each class gets one canonical ClassRef (a ClassValue, so the class owns it and it
 * goes when the class goes): keys compare ClassRefs by identity, hash them by an identity hash, and
 * order them by a sequence number handed out at creation, which is unique, so the order never ties
 * and an entry for a class that was since unloaded still has a place in a tree bin.
 */

/** The canonical, weakly held name of one class inside keys. */
final class ClassRef extends WeakReference<Class<?>> implements Comparable<ClassRef> {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private static final ClassValue<ClassRef> REFS =
      new ClassValue<>() {
        @Override
        protected ClassRef computeValue(Class<?> type) {
          return new ClassRef(type);
        }
      };

  private final long order;
  private final int hash;

  private ClassRef(Class<?> type) {
    super(type);
    this.order = SEQUENCE.incrementAndGet();
    this.hash = System.identityHashCode(type);
  }

  /** Returns the one ClassRef of the class. */
  static ClassRef of(Class<?> type) {
    return REFS.get(type);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int compareTo(ClassRef other) {
    return Long.compare(order, other.order);
  }

  @Override
  public String toString() {
    Class<?> type = get();
    return type == null ? "(unloaded class)" : type.getName() + ".class";
  }
}
