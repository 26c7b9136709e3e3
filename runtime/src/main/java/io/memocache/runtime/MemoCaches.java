package io.memocache.runtime;

import io.memocache.runtime.internal.CacheRegistry;
import java.util.List;

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
}
