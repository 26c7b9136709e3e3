package io.memocache.runtime.internal;

import io.memocache.runtime.CacheStats;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Design note: every MethodCache registers itself here when its generated class initializes, so the
 * processor never has to aggregate across classes (it stays an isolating processor). The registry
 * holds caches weakly: a generated class loaded by a throwaway class loader (hot reload, application
 * servers) must stay collectable, and its caches with it. Cleared references are expunged lazily.
 */

/** The caches of one kind ({@code @Memo} or {@code @Singleton}) in this process. */
public final class CacheRegistry {
  /** Every {@code @Memo} cache. */
  public static final CacheRegistry MEMO = new CacheRegistry();

  /** Every {@code @Singleton} cache. */
  public static final CacheRegistry SINGLETON = new CacheRegistry();

  private final Set<Reference<MethodCache>> caches = ConcurrentHashMap.newKeySet();
  private final ReferenceQueue<MethodCache> collected = new ReferenceQueue<>();

  private CacheRegistry() {}

  void register(MethodCache cache) {
    expungeCollected();
    caches.add(new WeakReference<>(cache, collected));
  }

  /** Clears every registered cache that is still alive. */
  public void clearAll() {
    expungeCollected();
    for (Reference<MethodCache> reference : caches) {
      MethodCache cache = reference.get();
      if (cache != null) {
        cache.clear();
      }
    }
  }

  /** Returns the statistics of every registered cache that is still alive, sorted by method. */
  public List<CacheStats> stats() {
    expungeCollected();
    List<CacheStats> stats = new ArrayList<>();
    for (Reference<MethodCache> reference : caches) {
      MethodCache cache = reference.get();
      if (cache != null) {
        stats.add(cache.stats());
      }
    }
    stats.sort(Comparator.comparing(CacheStats::className).thenComparing(CacheStats::method));
    return stats;
  }

  private void expungeCollected() {
    for (Reference<?> gone; (gone = collected.poll()) != null; ) {
      caches.remove(gone);
    }
  }
}
