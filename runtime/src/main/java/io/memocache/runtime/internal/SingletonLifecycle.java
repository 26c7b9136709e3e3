package io.memocache.runtime.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/*
 * Design note.
 *
 * A @Singleton(onRelease = ...) cache stores each value in a Held: the value, the instance whose
 * call created it (the receiver an instance onRelease method runs on; null for a static one) and a
 * released flag. Entries of such a cache always live in a Caffeine map whose removal listener,
 * run on the removing thread (executor Runnable::run), calls release: Caffeine calls it once per
 * entry that leaves, whatever the cause (clear, per-key clear, eviction, expiry, replacement), and
 * only after the entry has left the map. release flips the flag with a CAS, so even a Held that
 * two paths try to release is released once.
 *
 * The flag is set before onRelease runs and every read of a Held checks it: a lookup that finds a
 * Held already released treats it as absent (the entry is on its way out) instead of handing it
 * out. So no call returns a value whose release had begun before the call looked it up; a caller
 * that looked it up just before keeps it as it keeps any singleton across a clear.
 *
 * A computation overtaken by a clear (clearX() while it runs, so it finds its Pending unmapped)
 * is where a plain cache simply does not store the value; here that would leave a created value
 * that nothing ever releases. So MethodCache.storeForCallers decides: if the key's slot is free,
 * the value is stored after all (putIfAbsent), and released when it leaves like any other; if a
 * newer value is stored (a computation that began after the clear), the overtaken computation's
 * callers, its owner included, receive that newer value, and the overtaken one, which no caller
 * has received, is released at once. Either way every created value is released exactly once, and
 * no caller receives from its call a value already released. (A further clear or replacement can
 * release a value the moment after a caller received it: like any singleton held across a clear.)
 * The owner returns what its waiters got; should that have been replaced meanwhile, it returns the
 * value that replaced it. A @Memo keeps SPEC 6's rule: a value computed across a clear is returned
 * to its callers and not stored.
 *
 * validate needs no runtime support beyond MethodCache.reject: the generated method calls the
 * user's validate method itself on a hit (no reflection, no lambda on the hit path), and reject
 * removes the entry only if it still holds the rejected value, so of several callers that see
 * the same rejected value one removes (and releases) it, and all then meet in begin, where single
 * flight makes one of them compute the replacement.
 */

/** What a {@code @Singleton(onRelease = ...)} cache does with values that leave it. */
public final class SingletonLifecycle {
  private static final Logger LOGGER = System.getLogger("io.memocache.lifecycle");

  /**
   * Calls the user's {@code onRelease} method. Generated code passes a lambda that casts and calls
   * it; for generated code only.
   */
  @FunctionalInterface
  public interface Release {
    /**
     * Releases one value.
     *
     * @param owner the instance whose call created the value, or null when the method is static
     * @param value the value that left the cache
     * @throws Throwable whatever the user's method throws; it is logged, never propagated
     */
    void release(Object owner, Object value) throws Throwable;
  }

  private final String method;
  private final Release release;

  SingletonLifecycle(String method, Release release) {
    this.method = method;
    this.release = release;
  }

  /** Releases a value that has left the cache, once; any failure is logged. */
  void release(Held held, Object userValue) {
    if (!held.markReleased()) {
      return;
    }
    try {
      release.release(held.owner, userValue);
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError error) {
        throw error;
      }
      LOGGER.log(
          Level.WARNING,
          "memocache: onRelease of " + method + " threw; the value is out of the cache anyway",
          e);
    }
  }
}
