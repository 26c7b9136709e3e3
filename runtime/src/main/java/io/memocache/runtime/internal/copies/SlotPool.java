package io.memocache.runtime.internal.copies;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/*
 * Design note.
 *
 * Every copy through Kryo borrows a Kryo instance (a Kryo is single-threaded and costly to make),
 * so borrowing is on the hit path of most by-value hits. Kryo's own thread-safe Pool is a
 * LinkedBlockingQueue: a lock on obtain and free, and a queue node allocated on every free.
 * In the stack profile of a by-value hit of a small bean (AsyncHitBenchmark), that borrowing was a
 * large part of the hit.
 *
 * This pool is a fixed array of slots, each empty or holding one idle instance. A thread starts at
 * the slot its own identity hash picks, so in the steady state each thread finds the instance it
 * gave back in its own slot: obtain is a read and a compare-and-set that empties the slot, free a
 * compare-and-set that fills it. Neither locks nor allocates. A thread whose slot is empty (or
 * full, on free) walks the other slots once, so no instance is made while one sits idle anywhere
 * and none is dropped while a slot is free; only with every slot empty is an instance created,
 * and only with every slot full is a freed one dropped for the garbage collector, as Kryo's
 * bounded pool does. Slots are STRIDE references apart, so that threads on different cores never
 * write the same cache line.
 *
 * No ThreadLocal: a per-thread instance would be made, and kept, per virtual thread, of which a
 * process may have millions. A virtual thread has an identity hash like any other object, and
 * nothing here blocks or pins its carrier. A thread that obtains again before it frees (a copy
 * inside a copy) finds its slot empty and is given another instance.
 *
 * Instances are handed over through the array's volatile compare-and-set, so everything the last
 * borrower wrote into an instance happens-before the next borrower's use of it.
 */

/**
 * A bounded, lock-free pool of reusable instances (the copy engine's Kryos). For memocache's own
 * use; thread-safe.
 *
 * @param <T> the pooled instances
 */
public final class SlotPool<T> {
  /** The distance between two slots, in references: 64 bytes with compressed references. */
  private static final int STRIDE = 16;

  private final AtomicReferenceArray<T> slots;
  /** The number of slots minus one: a power of two minus one. */
  private final int mask;
  private final Supplier<? extends T> factory;

  /**
   * @param capacity how many idle instances the pool keeps at most (rounded up to a power of two)
   * @param factory makes an instance when none is idle
   * @throws IllegalArgumentException when the capacity is not positive
   */
  public SlotPool(int capacity, Supplier<? extends T> factory) {
    if (capacity <= 0 || capacity > 1 << 20) {
      throw new IllegalArgumentException(
          "capacity must be positive and at most 2^20: " + capacity);
    }
    int size = Integer.highestOneBit(capacity - 1) << 1;
    this.mask = Math.max(size, 1) - 1;
    this.slots = new AtomicReferenceArray<>((mask + 1) * STRIDE);
    this.factory = factory;
  }

  /** Returns an idle instance, or a new one when none is idle. */
  public T obtain() {
    int home = home();
    for (int i = 0; i <= mask; i++) {
      int slot = ((home + i) & mask) * STRIDE;
      T idle = slots.get(slot);
      if (idle != null && slots.compareAndSet(slot, idle, null)) {
        return idle;
      }
    }
    return factory.get();
  }

  /**
   * Gives an instance back for reuse, or drops it when the pool is full. The caller must not use
   * it afterwards.
   */
  public void free(T instance) {
    int home = home();
    for (int i = 0; i <= mask; i++) {
      int slot = ((home + i) & mask) * STRIDE;
      if (slots.get(slot) == null && slots.compareAndSet(slot, null, instance)) {
        return;
      }
    }
  }

  /** Returns how many instances are idle now; for tests (not atomic). */
  int idle() {
    int idle = 0;
    for (int i = 0; i <= mask; i++) {
      if (slots.get(i * STRIDE) != null) {
        idle++;
      }
    }
    return idle;
  }

  /** The slot this thread tries first: from its identity hash, spread so that low bits vary. */
  private int home() {
    int hash = System.identityHashCode(Thread.currentThread());
    return (hash ^ (hash >>> 16)) & mask;
  }
}
