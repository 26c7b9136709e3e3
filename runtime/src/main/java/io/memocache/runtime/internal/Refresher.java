package io.memocache.runtime.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/*
 * Design note.
 *
 * A @Memo or @Singleton with refreshAfter stores each value in a Held stamped with the time it was
 * stored. A hit on a value older than refreshAfter still returns it at once; the first such hit
 * claims the Held's one refresh with a CAS and gets a Refresh instead of the bare value, which the
 * generated method starts with a lambda that calls the original method with this call's
 * arguments. Only that one call allocates; every other hit stays a lookup plus a clock read.
 *
 * The recomputation runs on the refresh executor: the user's (MemoCaches.setRefreshExecutor), or
 * by default one virtual thread per refresh on JDK 21+ (found once, reflectively, when the first
 * refresh starts; virtual threads are never pinned by waiting) and on JDK 17 a cached pool of
 * daemon threads that end after 30 idle seconds, so nothing outlives its work or keeps the JVM up.
 *
 * Its result replaces the entry with entries.replace(key, old, fresh): only if the entry still
 * holds the very Held that was refreshed. A clear (or a per-key clear, an eviction, an expiry)
 * during the refresh has removed that Held, so the refreshed value is not stored and the clear
 * wins; a singleton's unstored refreshed value was never handed to anyone and is released at once.
 * A replaced singleton is released by the removal listener (cause REPLACED), after it left. A
 * refresh that throws leaves the old entry as it is, counts a refresh failure, logs it, and gives
 * the claim back, so a later hit tries again. Refreshes count as computations too.
 *
 * The refresh uses the arguments of the call that found the entry stale, by reference: like the
 * call itself, it must not see them mutated while it runs.
 */

/** The {@code refreshAfter} machinery of one cache. For generated code only. */
public final class Refresher {
  private static final Logger LOGGER = System.getLogger("io.memocache.refresh");

  private static volatile Executor userExecutor;

  final long refreshNanos;
  final LongAdder refreshes = new LongAdder();
  final LongAdder failures = new LongAdder();

  Refresher(Duration refreshAfter) {
    this.refreshNanos = refreshAfter.toNanos();
  }

  /**
   * Makes every later refresh run on {@code executor}; {@code null} goes back to the default.
   *
   * @param executor the executor, or null for the default
   */
  public static void setExecutor(Executor executor) {
    userExecutor = executor;
  }

  private static Executor executor() {
    Executor executor = userExecutor;
    return executor != null ? executor : DefaultExecutor.INSTANCE;
  }

  /** Whether a value stored at {@code storedNanos} is due for a refresh at {@code nowNanos}. */
  boolean isDue(Held held, long nowNanos) {
    return nowNanos - held.storedNanos >= refreshNanos;
  }

  void failed(String method, Held held, Throwable failure) {
    failures.increment();
    held.refreshFailed();
    LOGGER.log(
        Level.WARNING,
        "memocache: refreshing " + method + " failed; the previous value stays cached",
        failure);
  }

  /** Calls the original method in the background; for generated code only. */
  @FunctionalInterface
  public interface Computation {
    /**
     * Runs the original method with the arguments of the call that found the entry stale.
     *
     * @return its result
     * @throws Throwable whatever it throws; the old entry then stays
     */
    Object compute() throws Throwable;
  }

  /**
   * A hit on a stale entry that claimed its refresh: {@link #start} begins the recomputation and
   * returns the (old) value for this caller. For generated code only.
   */
  public static final class Refresh {
    private final MethodCache cache;
    private final Object key;
    private final Held held;
    private final Object forCaller;

    Refresh(MethodCache cache, Object key, Held held, Object forCaller) {
      this.cache = cache;
      this.key = key;
      this.held = held;
      this.forCaller = forCaller;
    }

    /**
     * Starts the recomputation in the background and returns at once.
     *
     * @param computation calls the original method with this call's arguments
     * @return the cached value for this caller (a copy for {@code @Memo})
     */
    public Object start(Computation computation) {
      Objects.requireNonNull(computation, "computation");
      try {
        executor().execute(() -> cache.refresh(key, held, computation));
      } catch (RejectedExecutionException e) {
        cache.refreshFailed(held, e);
      }
      return forCaller;
    }
  }

  /** The default executor, made when the first refresh starts. */
  private static final class DefaultExecutor {
    static final Executor INSTANCE = create();

    private static Executor create() {
      try {
        Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        return (Executor) virtual.invoke(null);
      } catch (ReflectiveOperationException e) {
        // JDK 17 to 20: no virtual threads.
      }
      AtomicInteger count = new AtomicInteger();
      ThreadFactory daemons =
          task -> {
            Thread thread = new Thread(task, "memocache-refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          };
      return new ThreadPoolExecutor(
          0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons);
    }
  }
}
