package io.memocache.runtime;

import io.memocache.runtime.internal.CacheRegistry;
import io.memocache.runtime.internal.Refresher;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Operations on every {@code @Memo} cache of the process. */
public final class MemoCaches {
  private MemoCaches() {}

  /**
   * Removes every entry of every {@code @Memo} method whose generated class has been loaded.
   * Computations running now still return to their callers, but their results are not stored.
   */
  public static void clearAll() {
    CacheRegistry.MEMO.clearAll();
  }

  /**
   * Returns the statistics of every {@code @Memo} method whose generated class has been loaded, sorted
   * by class and method. Cheap enough to call from a metrics endpoint.
   *
   * @return one snapshot per cached method
   */
  public static List<CacheStats> stats() {
    return CacheRegistry.MEMO.stats();
  }

  /**
   * Clears one {@code @Memo} method, found by its {@linkplain CachedMethod#id() id}: that
   * overload only. A class loaded by several class loaders has one cache per loader; all of them
   * are cleared.
   *
   * @param id the method's id, for example {@code com.acme.Catalog.price(String,int)}
   * @return whether a method with this id has been loaded; {@code false} means nothing was cleared
   */
  public static boolean clear(String id) {
    return CacheRegistry.MEMO.clear(id);
  }

  /**
   * Returns a live view of every {@code @Memo} method whose generated class has been loaded,
   * sorted by id.
   *
   * @return one view per cached method
   */
  public static List<CachedMethod> methods() {
    return CacheRegistry.MEMO.methods();
  }

  /**
   * Calls {@code listener} with every {@code @Memo} method already loaded, then with each one
   * whose generated class is loaded later, until {@link #removeListener}: the way for monitoring to
   * see caches that do not exist yet. Each method is passed exactly once per listener.
   *
   * <p>The listener runs on the thread that adds it (for the methods already loaded) or that
   * initializes a generated class (for the others), possibly on several threads at once, and while
   * that class's initialization waits for it: it must be thread-safe and quick, and must not call
   * cached methods. An exception it throws is logged through {@link System.Logger} and does not
   * reach the code that loaded the class.
   *
   * @param listener receives each method's live view
   */
  public static void addListener(Consumer<? super CachedMethod> listener) {
    CacheRegistry.MEMO.addListener(listener);
  }

  /**
   * Stops passing new methods to a listener given to {@link #addListener}.
   *
   * @param listener the listener
   * @return whether it was listening
   */
  public static boolean removeListener(Consumer<? super CachedMethod> listener) {
    return CacheRegistry.MEMO.removeListener(listener);
  }

  /**
   * Sets the executor that runs the background refreshes of every {@code refreshAfter} method,
   * {@code @Memo} and {@code @Singleton}; {@code null} restores the default. By default each
   * refresh runs on a virtual thread on JDK 21 and later, and on JDK 17 to 20 on a cached pool of
   * daemon threads that end after 30 idle seconds. A refresh the executor rejects counts as a
   * refresh failure: the entry keeps its value and a later call tries again.
   *
   * @param executor the executor for refreshes, or {@code null} for the default
   */
  public static void setRefreshExecutor(Executor executor) {
    Refresher.setExecutor(executor);
  }
}
