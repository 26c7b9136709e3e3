package io.memocache.runtime.internal;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.CachedMethod;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/*
 * Design note: every MethodCache registers itself here when its generated class initializes, so the
 * processor never has to aggregate across classes (it stays an isolating processor). The registry
 * holds caches weakly: a generated class loaded by a throwaway class loader (hot reload, application
 * servers) must stay collectable, and its caches with it. Cleared references are expunged lazily.
 *
 * Listeners (monitoring that must also see caches created later) are told about each cache exactly
 * once: register and addListener each take the registry's lock to update their side and snapshot
 * the other, and call listeners after releasing it. A cache registered before a listener is added is in
 * the listener's replay; one registered after finds the listener in its snapshot; never both. No
 * lock is held while a listener runs, so a listener that registers meters under its own lock, or
 * that triggers the initialization of another generated class, cannot deadlock with a registration.
 * Registration happens while a generated class initializes, so a listener that throws is logged and
 * skipped: it must never turn into an ExceptionInInitializerError in the user's code.
 */

/** The caches of one kind ({@code @Memo} or {@code @Singleton}) in this process. */
public final class CacheRegistry {
  /** Every {@code @Memo} cache. */
  public static final CacheRegistry MEMO = new CacheRegistry("@Memo");

  /** Every {@code @Singleton} cache. */
  public static final CacheRegistry SINGLETON = new CacheRegistry("@Singleton");

  private static final System.Logger LOG = System.getLogger(CacheRegistry.class.getName());

  private final String kind;
  private final Set<Reference<MethodCache>> caches = ConcurrentHashMap.newKeySet();
  private final ReferenceQueue<MethodCache> collected = new ReferenceQueue<>();
  private final Object lock = new Object();
  // Guarded by lock.
  private final List<Consumer<? super CachedMethod>> listeners = new ArrayList<>();

  private CacheRegistry(String kind) {
    this.kind = kind;
  }

  void register(MethodCache cache) {
    expungeCollected();
    List<Consumer<? super CachedMethod>> toTell;
    synchronized (lock) {
      caches.add(new WeakReference<>(cache, collected));
      toTell = List.copyOf(listeners);
    }
    for (Consumer<? super CachedMethod> listener : toTell) {
      tell(listener, cache);
    }
  }

  /**
   * Calls {@code listener} with every registered cache that is still alive, then with every cache
   * registered from now on, until it is removed. Each cache is passed exactly once.
   *
   * @param listener the listener
   */
  public void addListener(Consumer<? super CachedMethod> listener) {
    Objects.requireNonNull(listener, "listener");
    List<MethodCache> existing;
    synchronized (lock) {
      listeners.add(listener);
      existing = alive();
    }
    for (MethodCache cache : existing) {
      tell(listener, cache);
    }
  }

  /**
   * Stops telling {@code listener} about new caches.
   *
   * @param listener a listener passed to {@link #addListener}
   * @return whether it was registered
   */
  public boolean removeListener(Consumer<? super CachedMethod> listener) {
    synchronized (lock) {
      return listeners.remove(listener);
    }
  }

  private void tell(Consumer<? super CachedMethod> listener, MethodCache cache) {
    try {
      listener.accept(cache);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "a " + kind + " cache listener failed on " + cache.id() + "; the cache works, unlisted",
          e);
    }
  }

  /** Clears every registered cache that is still alive. */
  public void clearAll() {
    for (MethodCache cache : alive()) {
      cache.clear();
    }
  }

  /**
   * Clears every registered cache with this id (one, or one per class loader that loaded the
   * class).
   *
   * @param id a {@link CachedMethod#id()}
   * @return whether a cache with this id was found
   */
  public boolean clear(String id) {
    Objects.requireNonNull(id, "id");
    boolean found = false;
    for (MethodCache cache : alive()) {
      if (cache.id().equals(id)) {
        cache.clear();
        found = true;
      }
    }
    return found;
  }

  /** Returns every registered cache that is still alive, sorted by id. */
  public List<CachedMethod> methods() {
    List<CachedMethod> methods = new ArrayList<>(alive());
    methods.sort(Comparator.comparing(CachedMethod::id));
    return methods;
  }

  /** Returns the statistics of every registered cache that is still alive, sorted by method. */
  public List<CacheStats> stats() {
    List<CacheStats> stats = new ArrayList<>();
    for (MethodCache cache : alive()) {
      stats.add(cache.stats());
    }
    stats.sort(
        Comparator.comparing(CacheStats::className)
            .thenComparing(CacheStats::method)
            .thenComparing(CacheStats::id));
    return stats;
  }

  private List<MethodCache> alive() {
    expungeCollected();
    List<MethodCache> alive = new ArrayList<>(caches.size());
    for (Reference<MethodCache> reference : caches) {
      MethodCache cache = reference.get();
      if (cache != null) {
        alive.add(cache);
      }
    }
    return alive;
  }

  private void expungeCollected() {
    for (Reference<?> gone; (gone = collected.poll()) != null; ) {
      caches.remove(gone);
    }
  }
}
