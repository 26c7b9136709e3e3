package io.memocache.runtime;

import io.memocache.runtime.internal.CacheRegistry;
import java.util.List;

/** Operations on every {@code @Singleton} cache of the process. */
public final class SingletonCaches {
  private SingletonCaches() {}

  /**
   * Drops every instance held by every {@code @Singleton} method whose generated class has been
   * loaded, so the next call creates a new one. The dropped instances are not closed: close them
   * first if they hold resources.
   */
  public static void clearAll() {
    CacheRegistry.SINGLETON.clearAll();
  }

  /**
   * Returns the statistics of every {@code @Singleton} method whose generated class has been loaded, sorted
   * by class and method. Cheap enough to call from a metrics endpoint.
   *
   * @return one snapshot per cached method
   */
  public static List<CacheStats> stats() {
    return CacheRegistry.SINGLETON.stats();
  }
}
