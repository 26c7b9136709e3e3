package io.memocache.runtime.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A stored value with the bookkeeping that {@code onRelease} (SingletonLifecycle) and {@code
 * refreshAfter} (Refresher) need; caches with neither store bare values.
 */
final class Held {
  private static final AtomicIntegerFieldUpdater<Held> RELEASED =
      AtomicIntegerFieldUpdater.newUpdater(Held.class, "released");
  private static final AtomicIntegerFieldUpdater<Held> REFRESHING =
      AtomicIntegerFieldUpdater.newUpdater(Held.class, "refreshing");

  /** The stored form of the value (MethodCache's null marker for null). */
  final Object value;
  /** The instance whose call created the value, for an instance onRelease method; else null. */
  final Object owner;
  /** When the value was stored, in System.nanoTime(). */
  final long storedNanos;

  private volatile int released;
  private volatile int refreshing;

  Held(Object value, Object owner, long storedNanos) {
    this.value = value;
    this.owner = owner;
    this.storedNanos = storedNanos;
  }

  boolean isReleased() {
    return released != 0;
  }

  /** Marks the value released; true for the one caller that does it first. */
  boolean markReleased() {
    return RELEASED.compareAndSet(this, 0, 1);
  }

  /** Claims the one background refresh of this value; true for the caller that claims it. */
  boolean claimRefresh() {
    return REFRESHING.compareAndSet(this, 0, 1);
  }

  /** Lets a later call start a refresh again, after one failed. */
  void refreshFailed() {
    refreshing = 0;
  }

  @Override
  public String toString() {
    return "Held[" + value + (isReleased() ? ", released]" : "]");
  }
}
