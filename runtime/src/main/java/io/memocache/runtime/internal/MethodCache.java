package io.memocache.runtime.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.memocache.runtime.CacheInterruptedException;
import io.memocache.runtime.CachedMethod;
import io.memocache.runtime.CacheStats;
import io.memocache.runtime.ConcurrentlyModifiedParameterException;
import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStoreStats;
import io.memocache.runtime.RecursiveCallException;
import io.memocache.runtime.UncopyableResultException;
import io.memocache.runtime.UnhashableParameterException;
import io.memocache.runtime.internal.copies.UncopyableValueException;
import io.memocache.runtime.internal.copies.ValueCopier;
import io.memocache.runtime.internal.keys.ChangedWhileKeyedException;
import io.memocache.runtime.internal.keys.ContentKeys;
import io.memocache.runtime.internal.keys.UnhashableValueException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import jdk.jfr.FlightRecorder;

/*
 * Design note.
 *
 * One MethodCache per annotated method, held in a static final field of the generated class. Two
 * maps: entries holds the stored values (null results stored as NULL_RESULT), a ConcurrentHashMap
 * when the method is unbounded and never expires, else the map view of a Caffeine cache (size
 * bound, expire-after-write); inFlight, always a plain ConcurrentHashMap, holds a Pending per
 * computation in flight. Keeping computations out of the bounded, expiring map is what keeps
 * single flight under ttl and maxEntries: a Pending is never expired or evicted (a 300 ms
 * computation in a 20 ms ttl cache stays the one computation of its key) and evictions count only
 * stored values. The hit path is one lookup in entries, which holds nothing but values.
 *
 * A miss maps its Pending with putIfAbsent (begin) and the generated method itself then runs the
 * original method, outside of any lock, and reports the outcome to the Pending. So the method may
 * call other cached methods, or this one for other keys, at any depth: nothing like
 * ConcurrentHashMap.computeIfAbsent's recursive-update ban applies, and each level of recursion
 * costs only two stack frames (the cached method and the original), with no lambda allocated.
 * Callers of the same key that find the Pending wait on it and share its outcome (single flight).
 * A thread that finds its own Pending is recursing into the key it computes and fails fast instead
 * of waiting for itself. A miss that maps its Pending looks at entries once more: a computation
 * that stored its value and left between the two lookups is not run again.
 *
 * When the computation ends, its value is stored and its Pending unmapped in one step under the
 * Pending's bin lock (inFlight.computeIfPresent), and only if that very Pending is still mapped. A
 * clear or invalidate unmaps the Pendings before it removes the values, so either the store came
 * first and the clear removes the value, or the clear came first and nothing is stored: a value
 * whose computation began before a clear is never stored after it. The one exception is a
 * @Singleton(onRelease = ...), whose values must all be released once: an overtaken computation
 * stores its value if the key is still free, and otherwise hands its callers the newer value and
 * releases its own at once (storeForCallers; SingletonLifecycle's design note). A failure unmaps
 * the Pending and is handed, unchanged, to the caller and to every waiter; nothing is cached.
 *
 * No key ever wedges: every way out of a computation releases its Pending. The generated method
 * runs the original method and succeeded (the copy and the store) in one try, whose catch reports
 * anything thrown to failed. That covers every throwable but the one that matters most here: a
 * StackOverflowError near the stack's end can strike again inside begin, succeeded or failed, our
 * own bookkeeping, which then never finishes. No call is safe there, but a field write is: it
 * needs no new frame. So the generated try's finally, and begin's catch after mapping, set
 * Pending.ownerLeft, and nothing else does. A Pending whose owner has left but whose latch is
 * still closed is abandoned, and whoever meets it settles it: its waiters, which wait in slices
 * (10 ms doubling to 160 ms) and look at ownerLeft between them; a caller of its key, which then
 * computes again; stats(); and, soonest, its own thread. Each thread keeps the Pendings it owns in
 * a chain (INNERMOST, innermost first), and a computation that ends settles the abandoned ones
 * above it, whose frames are gone, so the outermost frame that has stack again leaves nothing
 * behind. An abandoned Pending's waiters get what its owner recorded (failed records the failure
 * before it calls anything; begin's catch records it too), or, when failed could not even be
 * entered, a StackOverflowError naming the method and key, the one thing that stops that call.
 * Outcomes are written before the latch opens and never after, so every waiter sees the same one.
 *
 * Threads whose computations wait for each other in a cycle (A computes k1 and waits for k2,
 * which B computes while waiting for k1) would hang forever. Each waiting thread is recorded in
 * WAITING with the Pending it waits for; before each slice of waiting, a thread follows owner ->
 * awaited Pending -> its owner ... looking for a chain back to itself. It registers before it
 * walks, so of two threads closing a cycle at the same moment at least one sees the other. The
 * walk is not atomic, and an edge can be stale for an instant (a thread still listed as waiting
 * for a Pending that just completed), so one sighting is only a suspicion: the thread waits
 * briefly and walks again, and fails only if it sees the same chain of still-unfinished Pendings
 * again. A real deadlock is stable, so it is always confirmed; a transient one is gone by then. An
 * abandoned Pending ends a chain: it is about to be settled, so it is no part of a deadlock.
 *
 * Hits are counted by a HitCounter: mostly a plain write to a cell the hitting thread owns, so the
 * hit path takes no lock and, mostly, no fence. The rarer events are counted in LongAdders.
 *
 * @Memo results are stored as a copy made when the computation ends (so the method's own later
 * mutation never reaches the cache) and copied again for each later caller; the first caller gets
 * the original. The hit path is one map lookup plus the copy: no lock, no allocation of our own.
 *
 * The key a hit builds is scalar-replaced only if every call it reaches is inlined into the
 * generated method. C2 does not inline a callee whose own compiled code is already large
 * (InlineSmallCode), and getIfPresent with an async method's hand-out inlined into it (the copy,
 * the caller's future, the failure handling) was: on JDK 17 its key then escaped, 24 bytes and
 * about 7 ns per hit. So generated code of an async method asks in two calls: getShared, which
 * reads the key and stays small, and handOut, which never sees the key, inlined or not.
 *
 * Each computation is also reported outside the statistics, and only when someone listens: a JFR
 * ComputationEvent, begun with its Pending and committed with the outcome (allocated only while a
 * recording enables it), and a DEBUG line on the io.memocache System.Logger for each failure.
 * Both are emitted after the outcome is delivered and the chain left, where a spent stack can no
 * longer leave a key wedged. Hits emit nothing.
 *
 * A @Memo(persist = true) method has a second tier, the process's memo store, owned by a
 * PersistentTier (see its design note). The hit path does not change. Only the thread that maps a
 * key's Pending reaches the store: generated code passes the raw key arguments to begin on the
 * miss path, begin encodes them (before the method runs, so a method that mutates its arguments
 * cannot change the key it is stored under) and reads the store; a usable entry is stored
 * in-process and handed to the waiters like a value stored between the two lookups, and counts as
 * a store hit but, in-process, as a miss and not as a computation. Otherwise the thread computes,
 * and succeeded writes the value to the store after handing it to the waiters. Clears reach the
 * store through the tier. An async method stores completed values only: a store hit becomes an
 * already completed shared future, and a computed future is written, and its lease given back,
 * when it completes (AsyncResults' design note).
 *
 * Two features keep their mechanics in classes of their own and meet this one only in two marked
 * blocks of hooks: a @Singleton with onRelease (SingletonLifecycle) and a method with refreshAfter
 * (Refresher) store each value in a Held (the value, its owner, when it was stored, a released
 * flag), always in a Caffeine map whose removal listener releases what leaves. Caches with neither
 * store bare values, and their hit path is unchanged.
 */

/** The cache of one annotated method. For generated code only. */
public final class MethodCache implements CachedMethod {
  /** Returned by {@link #getIfPresent} when the key has no stored value. */
  public static final Object ABSENT =
      new Object() {
        @Override
        public String toString() {
          return "ABSENT";
        }
      };

  private static final Object NULL_RESULT =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final long CYCLE_CONFIRMATION_MILLIS = 20;

  /** The first slice a waiter waits before it looks whether the computation was abandoned. */
  private static final long FIRST_POLL_MILLIS = 10;

  /** The longest such slice: an abandoned computation is settled at most this late. */
  private static final long LAST_POLL_MILLIS = 160;

  /** The Pending each thread waits for now, for deadlock detection across threads. */
  private static final ConcurrentMap<Thread, Pending> WAITING = new ConcurrentHashMap<>();

  /** The innermost unfinished Pending this thread owns; the rest are chained by Pending.outer. */
  private static final ThreadLocal<Pending> INNERMOST = new ThreadLocal<>();

  private static final Logger LOG = System.getLogger("io.memocache");

  /**
   * Whether the jdk.jfr module is in this runtime: a jlinked image, or an application launched as
   * a named module that does not require it, leaves it out, and then no event is ever begun.
   */
  private static final boolean JFR = isPresent("jdk.jfr.Event");

  private final String id;
  private final String binaryClassName;
  private final String className;
  private final String methodName;
  private final List<String> parameterTypes;
  private final String method;
  private final String[] keyParameters;
  private final boolean copyValues;
  private final boolean immutableElements;
  private final ConcurrentMap<Object, Object> entries;
  /** The memo-store side of a {@code @Memo(persist = true)} method, else null. */
  private final PersistentTier tier;
  /** Non-null for a {@code @Singleton(onRelease = ...)}: entries then hold Helds. */
  private final SingletonLifecycle lifecycle;
  /** Non-null for a method with {@code refreshAfter}: entries then hold Helds. */
  private final Refresher refresher;
  /** Whether entries hold Helds rather than bare values. */
  private final boolean holds;
  /** Whether the method returns a future: entries then hold shared futures (AsyncResults). */
  private final boolean async;
  /** An async method's copy for each caller; made once, so a hit allocates no method reference. */
  private final UnaryOperator<Object> callerCopy;
  private final ConcurrentHashMap<Object, Pending> inFlight = new ConcurrentHashMap<>();
  private final HitCounter hits = new HitCounter();
  private final LongAdder misses = new LongAdder();
  private final LongAdder computations = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder computationNanos = new LongAdder();

  private MethodCache(Builder builder) {
    this.binaryClassName = builder.binaryClassName;
    this.className = builder.className;
    this.methodName = builder.methodName;
    this.parameterTypes = builder.parameterTypes;
    this.method = className + "." + methodName + "(" + String.join(", ", parameterTypes) + ")";
    this.id =
        binaryClassName
            + "."
            + methodName
            + "("
            + String.join(",", parameterTypes).replace(" ", "")
            + ")";
    this.keyParameters = builder.keyParameters;
    this.copyValues = builder.copyValues;
    this.immutableElements = builder.immutableElements;
    this.lifecycle =
        builder.onRelease == null ? null : new SingletonLifecycle(method, builder.onRelease);
    this.refresher = builder.refreshAfter == null ? null : new Refresher(builder.refreshAfter);
    this.holds = lifecycle != null || refresher != null;
    this.async = builder.async;
    this.callerCopy = copyValues ? this::copy : UnaryOperator.identity();
    this.entries = newMap(builder.expireAfterWrite, builder.maxEntries);
    this.tier =
        builder.persisted
            ? new PersistentTier(
                builder.owner,
                methodName,
                builder.descriptor,
                method,
                builder.expireAfterWrite,
                this::clearInProcess)
            : null;
    builder.registry.register(this);
  }

  private ConcurrentMap<Object, Object> newMap(Duration expireAfterWrite, long maxEntries) {
    if (expireAfterWrite == null && maxEntries < 0 && lifecycle == null) {
      return new ConcurrentHashMap<>();
    }
    // Maintenance (eviction, expiry) runs on the writing thread, so the bound holds as soon as a
    // call returns instead of whenever a pool thread gets to it.
    Caffeine<Object, Object> caffeine =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .evictionListener(
                (Object key, Object value, RemovalCause cause) -> evictions.increment());
    if (expireAfterWrite != null) {
      caffeine.expireAfterWrite(expireAfterWrite);
    }
    if (maxEntries >= 0) {
      caffeine.maximumSize(maxEntries);
    }
    if (lifecycle != null) {
      addReleaseHook(caffeine, expireAfterWrite != null);
    }
    return caffeine.build().asMap();
  }

  // ---- Singleton lifecycle hooks (SingletonLifecycle's design note) ----

  /**
   * Releases every value that leaves: Caffeine calls the listener once per removed entry, after it
   * left, on the removing thread. With a ttl, a scheduler expires entries on time, so an idle
   * method's resources are released too and not only at its next call.
   */
  private void addReleaseHook(Caffeine<Object, Object> caffeine, boolean expires) {
    caffeine.removalListener(
        (Object key, Object value, RemovalCause cause) -> {
          if (value instanceof Held held) {
            lifecycle.release(held, held.value == NULL_RESULT ? null : held.value);
          }
        });
    if (expires) {
      caffeine.scheduler(Scheduler.systemScheduler());
    }
  }

  /** Whether a stored value is on its way out and must not be handed to a caller. */
  private boolean isReleased(Object stored) {
    return lifecycle != null && ((Held) stored).isReleased();
  }

  /**
   * Removes the entry of the key if it still holds this value, which the method's {@code
   * validate} method rejected: of several callers that saw it, one removes (and releases) it, and
   * all of them then share one recomputation in {@link #begin}.
   *
   * @param key the key
   * @param value the rejected value, as the caller received it
   */
  public void reject(Object key, Object value) {
    Object stored = entries.get(key);
    if (stored != null && unwrap(stored) == value) {
      entries.remove(key, stored);
    }
  }

  private Object unwrap(Object stored) {
    Object value = holds ? ((Held) stored).value : stored;
    return value == NULL_RESULT ? null : value;
  }

  // ---- end of singleton lifecycle hooks ----

  // ---- refreshAfter hooks (Refresher's design note) ----

  /** A hit: the value, or a Refresh carrying it when this call claimed the entry's refresh. */
  private Object refreshIfDue(Object key, Held held) {
    Object value = forCaller(held);
    if (refresher.isDue(held, System.nanoTime()) && held.claimRefresh()) {
      return new Refresher.Refresh(this, ContentKeys.stableOf(key), held, value);
    }
    return value;
  }

  /** Runs on the refresh executor: recomputes, and replaces the entry if it still holds {@code old}. */
  void refresh(Object key, Held old, Refresher.Computation computation) {
    long startNanos = System.nanoTime();
    ComputationEvent event = beginEvent();
    Held fresh;
    try {
      Object result = computation.compute();
      recordComputation(startNanos, event, null);
      Object toStore = result == null ? NULL_RESULT : copyValues ? storedCopy(result) : result;
      fresh = new Held(toStore, old.owner, System.nanoTime());
    } catch (Throwable e) {
      if (event != null) {
        event.finish(id, binaryClassName, methodName, e);
      }
      refreshFailed(old, e);
      return;
    }
    if (entries.replace(key, old, fresh)) {
      refresher.refreshes.increment();
    } else if (lifecycle != null) {
      // A clear won: the refreshed value is not stored, and nobody ever received it.
      lifecycle.release(fresh, unwrap(fresh));
    }
  }

  void refreshFailed(Held old, Throwable failure) {
    refresher.failed(method, old, failure);
  }

  // ---- end of refreshAfter hooks ----

  // ---- async hooks (AsyncResults' design note) ----

  /**
   * Stores the shared future of an async method's result, hands it to the waiters, and returns
   * the computing caller's own dependent future.
   */
  private Object succeededAsync(Pending pending, Object result, Object owner) {
    // The lease passes to the future's completion (or the tier's bound): another process waits
    // for this value rather than computing it too.
    BiConsumer<Object, Throwable> save =
        pending.storeKey == null
            ? null
            : tier.saveOnCompletion(pending.storeKey, pending.storeEpoch, pending.takeLease());
    CompletableFuture<Object> shared =
        AsyncResults.share(result, copyValues ? this::storedCopy : value -> value, save);
    Object toStore = holds ? new Held(shared, owner, System.nanoTime()) : shared;
    Object handed = storeForCallers(pending, toStore);
    AsyncResults.removeOnFailure(shared, () -> entries.remove(pending.key, toStore));
    if (!pending.delivered) {
      pending.stored = handed;
    }
    pending.finish(null);
    return forCaller(ownersValue(pending.key, handed));
  }

  // ---- end of async hooks ----

  /**
   * Starts the cache of a {@code @Memo} method: results are copied on the way out unless declared
   * immutable with {@link Builder#immutableValues()}.
   *
   * @param owner the class declaring the method
   * @param name the method's name
   * @param descriptor the JVM descriptor of the method's erasure, such as {@code
   *     (Ljava/lang/Object;II)Ljava/util/List;}
   * @return a builder
   */
  public static Builder memo(Class<?> owner, String name, String descriptor) {
    return new Builder(CacheRegistry.MEMO, owner, name, descriptor, true);
  }

  /**
   * Starts the cache of a {@code @Singleton} method: results are shared by reference.
   *
   * @param owner the class declaring the method
   * @param name the method's name
   * @param descriptor the JVM descriptor of the method's erasure
   * @return a builder
   */
  public static Builder singleton(Class<?> owner, String name, String descriptor) {
    return new Builder(CacheRegistry.SINGLETON, owner, name, descriptor, false);
  }

  /**
   * Returns a content snapshot of a key argument that cannot go into the key as it is.
   *
   * @param keyParameter the position of the parameter among the key parameters
   * @param argument the argument
   * @return a snapshot whose equality is by content
   * @throws UnhashableParameterException when the argument has no content to hash
   * @throws ConcurrentlyModifiedParameterException when another thread changes the argument
   *     while it is read
   */
  public Object contentKey(int keyParameter, Object argument) {
    try {
      return ContentKeys.snapshot(argument);
    } catch (UnhashableValueException e) {
      throw new UnhashableParameterException(
          method, keyParameters[keyParameter], e.type().getName(), e.path());
    } catch (ChangedWhileKeyedException e) {
      throw new ConcurrentlyModifiedParameterException(
          method, keyParameters[keyParameter], e.path(), e.getCause());
    }
  }

  /**
   * Returns the stored value for the key (a copy for {@code @Memo}), or {@link #ABSENT}.
   *
   * @param key the key
   * @return the value, or {@link #ABSENT} when there is none yet
   */
  public Object getIfPresent(Object key) {
    // The lookup getShared also makes, written out: calling getShared here measured up to 1.3x
    // slower sync hits in A/B runs of SmallHitBenchmark (noisy, but not shown harmless).
    Object stored = entries.get(key);
    if (stored == null || isReleased(stored)) {
      misses.increment();
      hits.reclaimNowAndThen();
      return ABSENT;
    }
    hits.increment();
    if (refresher != null) {
      return refreshIfDue(key, (Held) stored);
    }
    return forCaller(stored);
  }

  /**
   * Returns what an async method stores for the key, its shared future (counted as a hit), or
   * {@link #ABSENT} (counted as a miss). The caller hands a hit out with {@link #handOut}: the
   * two are apart so that the step that reads the key stays small enough to be inlined into the
   * generated method, whose key is then never allocated (design note).
   *
   * @param key the key
   * @return the stored entry, only ever to be passed to {@link #handOut}, or {@link #ABSENT}
   */
  public Object getShared(Object key) {
    Object stored = entries.get(key);
    if (stored == null || isReleased(stored)) {
      misses.increment();
      hits.reclaimNowAndThen();
      return ABSENT;
    }
    hits.increment();
    return stored;
  }

  /**
   * Returns a caller's own future of an entry {@link #getShared} found: of its own copy of the
   * value for {@code @Memo}.
   *
   * @param shared the entry
   * @return a future no other caller has
   */
  public Object handOut(Object shared) {
    return forCaller(shared);
  }

  /**
   * Starts a miss: returns the value for the key (a copy for {@code @Memo}) if it is stored or
   * another thread is computing it (this thread then waits for that computation and shares its
   * outcome), or else a {@link Pending} that makes this thread the one to compute it. The caller
   * must then run the original method and {@link Pending#succeeded} in one {@code try}, report
   * anything thrown there to {@link Pending#failed}, and set {@link Pending#ownerLeft} in its
   * {@code finally}.
   *
   * @param key the key
   * @return the value, or a {@link Pending} owned by this thread
   */
  public Object begin(Object key) {
    return begin(key, null);
  }

  /**
   * Starts a miss of a {@code @Memo(persist = true)} method: as {@link #begin(Object)}, but once
   * this thread owns the key's computation it encodes the key arguments for the memo store, before
   * the method runs, and looks in the store; a usable entry there is stored in-process and
   * returned (a copy) without computing.
   *
   * @param key the key
   * @param keyArguments the raw key arguments, in order
   * @return the value, or a {@link Pending} owned by this thread
   */
  public Object begin(Object key, Object[] keyArguments) {
    Object stableKey = null;
    while (true) {
      Object stored = entries.get(key);
      if (stored != null && !isReleased(stored)) {
        return forCaller(stored);
      }
      Pending pending = inFlight.get(key);
      if (pending == null) {
        if (stableKey == null) {
          // The mapped key must not reference arrays the caller still owns.
          stableKey = ContentKeys.stableOf(key);
        }
        Pending mine = new Pending(this, stableKey);
        Object justStored = null;
        try {
          // Chained before it is mapped, so that a mapped Pending is always in its thread's chain.
          mine.enterChain();
          pending = inFlight.putIfAbsent(stableKey, mine);
          if (pending == null) {
            justStored = entries.get(key);
            if (justStored != null && isReleased(justStored)) {
              justStored = null;
            }
            if (justStored == null && keyArguments != null && tier != null) {
              justStored = loadFromStore(mine, keyArguments);
            }
            if (justStored == null) {
              return mine;
            }
            // A computation of this key stored its value and left between the two lookups, or the
            // memo store had it: mine hands that value to whoever already waits for it instead of
            // computing it again.
            mine.stored = justStored;
            mine.ownerLeft = true;
            mine.release();
          }
          mine.leaveChain();
        } catch (Throwable e) {
          // Mine may be mapped, and the stack may be spent: field writes only (design note).
          if (!mine.ownerLeft) {
            mine.failure = e;
            mine.ownerLeft = true;
          }
          throw e;
        }
        if (justStored != null) {
          return forCaller(justStored);
        }
      }
      if (pending.ownerLeft) {
        pending.abandon();
        continue;
      }
      Object shared = pending.await(method, key);
      if (shared != null && isReleased(shared)) {
        // Cleared and released while this caller was being woken: ask again.
        continue;
      }
      return forCaller(shared);
    }
  }

  /**
   * Looks for the key in the memo store, on behalf of the Pending this thread just mapped: returns
   * the value now stored in-process, or null to compute. Never throws (PersistentTier guards every
   * store call).
   */
  private Object loadFromStore(Pending mine, Object[] keyArguments) {
    mine.storeEpoch = tier.epoch();
    mine.storeKey = tier.key(keyArguments);
    if (mine.storeKey == null) {
      return null;
    }
    Object loaded = tier.load(mine.storeKey, mine);
    if (loaded == PersistentTier.MISS) {
      return null;
    }
    // Freshly deserialized, so it is already the cache's own copy: adopted, not copied again, with
    // the facts its hits' copies need. An async method's callers share it as a completed future.
    Object owned;
    try {
      owned = ValueCopier.adopt(loaded, immutableElements);
    } catch (UncopyableValueException e) {
      // Cannot happen for a value that was copied before it was stored; a miss, to be safe.
      return null;
    }
    Object value = async ? AsyncResults.completed(owned) : owned == null ? NULL_RESULT : owned;
    Object toStore = holds ? new Held(value, null, System.nanoTime()) : value;
    store(mine, toStore);
    return toStore;
  }

  /**
   * Stores the value of a computation that is still mapped and unmaps it, as one step that a
   * clear cannot split (design note).
   */
  private boolean store(Pending pending, Object value) {
    boolean[] stored = {false};
    inFlight.computeIfPresent(
        pending.key,
        (key, mapped) -> {
          if (mapped != pending) {
            return mapped;
          }
          entries.put(key, value);
          stored[0] = true;
          return null;
        });
    return stored[0];
  }

  /**
   * Stores the value a computation produced and returns what its callers receive: the value
   * itself, except for a {@code @Singleton(onRelease = ...)} whose computation a clear overtook
   * and whose key already holds a newer value: then that newer value, and this one, which no
   * caller has received, is released at once (SingletonLifecycle's design note).
   */
  private Object storeForCallers(Pending pending, Object toStore) {
    if (store(pending, toStore) || lifecycle == null) {
      return toStore;
    }
    Held mine = (Held) toStore;
    while (true) {
      Object newer = entries.putIfAbsent(pending.key, mine);
      if (newer == null) {
        // The slot is free: stored after all, and released when it leaves, like any other.
        return mine;
      }
      if (!isReleased(newer)) {
        lifecycle.release(mine, unwrap(mine));
        return newer;
      }
      // Released, so on its way out of the map: wait for it to leave.
      entries.remove(pending.key, newer);
    }
  }

  /**
   * Returns the value the computing caller of a {@code @Singleton(onRelease = ...)} receives: the
   * one handed to its waiters, unless that was replaced (and so released) meanwhile by a value
   * that is still stored.
   */
  private Object ownersValue(Object key, Object handed) {
    if (lifecycle == null || !isReleased(handed)) {
      return handed;
    }
    Object now = entries.get(key);
    return now != null && !isReleased(now) ? now : handed;
  }

  /** Returns a caller's copy of a stored value. */
  private Object copy(Object stored) {
    try {
      return ValueCopier.copy(stored, immutableElements);
    } catch (UncopyableValueException e) {
      throw new UncopyableResultException(
          method, e.type().getName(), e.path(), e.missingOpens(), e);
    }
  }

  /** Returns the form in which a result is stored: the cache's own copy. */
  private Object storedCopy(Object result) {
    try {
      return ValueCopier.storedCopy(result, immutableElements);
    } catch (UncopyableValueException e) {
      throw new UncopyableResultException(
          method, e.type().getName(), e.path(), e.missingOpens(), e);
    }
  }

  /**
   * Counts a computation and reports it to JFR and, when it failed, to the log.
   *
   * @param failure what the computation threw, or null when it succeeded
   */
  private void recordComputation(long startNanos, ComputationEvent event, Throwable failure) {
    computations.increment();
    computationNanos.add(System.nanoTime() - startNanos);
    if (event != null) {
      event.finish(id, binaryClassName, methodName, failure);
    }
    if (failure != null && LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "memocache: the computation of {0} failed with {1}; nothing is cached",
          method,
          failure.getClass().getName());
    }
  }

  /**
   * Begins the JFR event of a computation if a recording enables it. Until Flight Recorder starts,
   * one flag is read and no event class is loaded: loading the first one initializes JFR's
   * metadata (about a hundred classes), which a process that never records must not pay.
   */
  private static ComputationEvent beginEvent() {
    return JFR && FlightRecorder.isInitialized() ? ComputationEvent.start() : null;
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, MethodCache.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private Object forCaller(Object stored) {
    if (holds) {
      stored = ((Held) stored).value;
    }
    if (async) {
      return AsyncResults.forCaller(stored, callerCopy);
    }
    if (stored == NULL_RESULT) {
      return null;
    }
    return copyValues ? copy(stored) : stored;
  }

  /**
   * Removes the entry of one key; a computation of that key running now is not stored.
   *
   * @param key the key
   */
  public void invalidate(Object key) {
    // Unmap first: a computation that stores after this does not store (design note).
    inFlight.remove(key);
    entries.remove(key);
  }

  /**
   * Removes the entry of one key of a {@code @Memo(persist = true)} method, in-process and in the
   * memo store.
   *
   * @param key the key
   * @param keyArguments the raw key arguments, in order
   */
  public void invalidate(Object key, Object[] keyArguments) {
    invalidate(key);
    if (tier != null) {
      tier.remove(keyArguments);
    }
  }

  /**
   * Removes every entry, and for a persisted method its entries in the memo store; computations
   * running now are not stored.
   */
  @Override
  public void clear() {
    clearInProcess();
    if (tier != null) {
      tier.clear();
    }
  }

  /** Removes every in-process entry; computations running now are not stored. */
  private void clearInProcess() {
    inFlight.clear();
    entries.clear();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Returns a snapshot of this cache's statistics.
   *
   * @return the statistics
   */
  @Override
  public CacheStats stats() {
    MemoStoreStats store = tier == null ? MemoStoreStats.ZERO : tier.stats();
    return new CacheStats(
        id,
        binaryClassName,
        className,
        methodName,
        parameterTypes,
        entries.size(),
        running(),
        hitCount(),
        misses.sum(),
        computations.sum(),
        failures.sum(),
        evictions.sum(),
        Duration.ofNanos(computationNanos.sum()),
        store.hits(),
        store.misses(),
        store.errors(),
        store.rejected(),

        refresher == null ? 0 : refresher.refreshes.sum(),
        refresher == null ? 0 : refresher.failures.sum());
  }

  /** Counts the computations running now, settling any abandoned one it meets. */
  private long running() {
    long running = 0;
    for (Pending pending : inFlight.values()) {
      if (pending.ownerLeft) {
        pending.abandon();
      } else {
        running++;
      }
    }
    return running;
  }

  /** Sets how long an async computation holds the memo store's lease at most; for tests. */
  void asyncLeaseBound(Duration bound) {
    tier.leaseBound(bound);
  }

  /** Returns how many Pendings are mapped now, abandoned ones included; for tests. */
  int mappedPendings() {
    return inFlight.size();
  }

  private long hitCount() {
    hits.reclaimDeadOwners();
    return hits.sum();
  }

  @Override
  public String toString() {
    return "MethodCache["
        + method
        + ", "
        + entries.size()
        + " entries, "
        + inFlight.size()
        + " in flight]";
  }

  /**
   * A computation in flight: returned by {@link #begin} to the thread that must compute the value,
   * and waited for by every other caller of the same key. For generated code only.
   */
  public static final class Pending {
    private static final VarHandle LEASE;

    static {
      try {
        LEASE = MethodHandles.lookup().findVarHandle(Pending.class, "lease", MemoStore.Lease.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /**
     * Set by the computing thread when it leaves the computation, however it leaves it: the
     * generated method sets it in the {@code finally} of the {@code try} that computes, with a
     * field write, which cannot fail even when the stack is spent. Once it is set and no outcome
     * was delivered, the computation is abandoned and whoever meets it settles it.
     */
    public volatile boolean ownerLeft;

    final Thread owner = Thread.currentThread();
    private final MethodCache cache;
    private final Object key;
    private final long startNanos = System.nanoTime();
    /** This computation's JFR event, or null when no recording enables it. */
    private final ComputationEvent event = beginEvent();
    private final CountDownLatch done = new CountDownLatch(1);
    /** The Pending the owner was computing when it began this one; the owner's thread only. */
    private Pending outer;
    private boolean counted;
    /** A persisted computation's canonical key bytes, or null when it is not persisted. */
    byte[] storeKey;
    /** The persisted tier's epoch when this computation began: a clear since drops its write. */
    long storeEpoch;
    /**
     * The memo store's lease on this key, held while computing (for an async method, until its
     * future completes); taken with {@link #takeLease} so it is closed once.
     */
    volatile MemoStore.Lease lease;
    /** Set just before the latch opens: from then on the outcome is fixed. */
    private boolean delivered;
    private Object stored;
    private Throwable failure;

    private Pending(MethodCache cache, Object key) {
      this.cache = cache;
      this.key = key;
    }

    /** Makes this Pending the innermost its thread owns, settling any abandoned ones on top. */
    private void enterChain() {
      Pending next = INNERMOST.get();
      while (next != null && next.ownerLeft) {
        next.abandon();
        next = next.outer;
      }
      outer = next;
      INNERMOST.set(this);
    }

    /**
     * Takes this Pending out of its thread's chain, with every Pending above it: each of those
     * was begun by a frame inside this computation's frame, so it has left, and any not yet
     * settled was abandoned. Run by the owner only.
     */
    private void leaveChain() {
      Pending next = INNERMOST.get();
      while (next != null && (next == this || next.ownerLeft)) {
        if (next != this) {
          next.abandon();
        }
        next = next.outer;
      }
      INNERMOST.set(next);
    }

    /**
     * Stores the original method's result (a copy of it for {@code @Memo}) unless a clear removed
     * this computation meanwhile, and hands it to the waiting callers. Called in the same {@code
     * try} as the original method, so that whatever it throws reaches {@link #failed}.
     *
     * @param result the original method's result
     * @return the result itself, for the computing caller
     * @throws UncopyableResultException when a {@code @Memo} result cannot be copied; nothing is
     *     stored
     */
    public Object succeeded(Object result) {
      return succeeded(result, null);
    }

    /**
     * As {@link #succeeded(Object)}, for a {@code @Singleton} whose {@code onRelease} method is an
     * instance method: {@code owner} is the instance it runs on when this value leaves the cache.
     *
     * @param result the original method's result
     * @param owner the instance whose call created the result
     * @return the result itself, for the computing caller
     */
    public Object succeeded(Object result, Object owner) {
      if (cache.async) {
        return cache.succeededAsync(this, result, owner);
      }
      Object value =
          result == null ? NULL_RESULT : cache.copyValues ? cache.storedCopy(result) : result;
      Object toStore = cache.holds ? new Held(value, owner, System.nanoTime()) : value;
      Object handed = cache.storeForCallers(this, toStore);
      if (!delivered) {
        stored = handed;
      }
      finish(null);
      if (storeKey != null) {
        // After the waiters have their value; the lease is held until the store has it.
        try {
          cache.tier.save(storeKey, result == null ? null : value, storeEpoch);
        } finally {
          closeLease();
        }
      }
      if (handed != toStore || cache.isReleased(handed)) {
        // A singleton overtaken by a clear: its caller gets what its waiters got.
        return cache.unwrap(cache.ownersValue(key, handed));
      }
      return result;
    }

    /**
     * Drops this computation without storing anything and hands the failure, unchanged, to the
     * waiting callers, unless they already have a value. The computing caller rethrows it itself.
     *
     * @param failure what the original method, or {@link #succeeded}, threw
     */
    public void failed(Throwable failure) {
      // Recorded before anything is called, for whoever settles this if the stack runs out.
      if (!delivered) {
        this.stored = null;
        this.failure = failure;
      }
      finish(failure);
      cache.failures.increment();
      closeLease();
    }

    /** Gives the memo store's lease back, if this computation holds one; never throws. */
    private void closeLease() {
      MemoStore.Lease held = takeLease();
      if (held != null) {
        cache.tier.close(held);
      }
    }

    /** Takes the lease out of this Pending, for the one caller that closes it; or null. */
    private MemoStore.Lease takeLease() {
      return lease == null ? null : (MemoStore.Lease) LEASE.getAndSet(this, null);
    }

    /** Delivers the recorded outcome, leaves the thread's chain and counts the computation. */
    private void finish(Throwable failure) {
      release();
      leaveChain();
      if (!counted) {
        counted = true;
        cache.recordComputation(startNanos, event, failure);
      }
    }

    /** Unmaps this Pending and hands the recorded outcome to the waiters. */
    private void release() {
      cache.inFlight.remove(key, this);
      delivered = true;
      done.countDown();
    }

    /** Settles a Pending whose owner has left it, with what the owner recorded, if anything. */
    synchronized void abandon() {
      if (!delivered && stored == null && failure == null) {
        failure =
            new StackOverflowError(
                "memocache: the computation of "
                    + cache.method
                    + " for key "
                    + key
                    + " ran out of stack before it could report its outcome");
      }
      release();
      closeLease();
    }

    Object await(String method, Object key) {
      Thread current = Thread.currentThread();
      if (owner == current) {
        throw RecursiveCallException.selfRecursion(method, String.valueOf(key));
      }
      WAITING.put(current, this);
      try {
        List<Pending> suspectedCycle = null;
        long pollMillis = FIRST_POLL_MILLIS;
        while (done.getCount() > 0) {
          if (ownerLeft) {
            abandon();
            break;
          }
          List<Pending> cycle = chainBackTo(current);
          if (cycle != null && cycle.equals(suspectedCycle)) {
            throw RecursiveCallException.acrossThreads(method, String.valueOf(key), owner);
          }
          suspectedCycle = cycle;
          if (cycle != null) {
            done.await(CYCLE_CONFIRMATION_MILLIS, TimeUnit.MILLISECONDS);
          } else {
            done.await(pollMillis, TimeUnit.MILLISECONDS);
            pollMillis = Math.min(2 * pollMillis, LAST_POLL_MILLIS);
          }
        }
      } catch (InterruptedException e) {
        current.interrupt();
        throw new CacheInterruptedException(method, e);
      } finally {
        WAITING.remove(current);
      }
      if (failure != null) {
        throw Pending.<RuntimeException>sneaky(failure);
      }
      return stored;
    }

    /**
     * Follows who-waits-for-whom from this computation's owner and returns the unfinished Pendings
     * on the way if the chain leads back to {@code current}, else null.
     */
    private List<Pending> chainBackTo(Thread current) {
      List<Pending> chain = new ArrayList<>();
      Pending next = this;
      for (int hops = 0;
          hops <= WAITING.size() && next.done.getCount() > 0 && !next.ownerLeft;
          hops++) {
        chain.add(next);
        if (next.owner == current) {
          return chain;
        }
        next = WAITING.get(next.owner);
        if (next == null) {
          return null;
        }
      }
      return null;
    }

    /** Rethrows any throwable, checked ones included, without wrapping it. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable failure) throws T {
      throw (T) failure;
    }
  }

  /** Configures one method's cache. For generated code only. */
  public static final class Builder {
    private final CacheRegistry registry;
    private final String binaryClassName;
    private final String className;
    private final Class<?> owner;
    private final String methodName;
    private final String descriptor;
    private List<String> parameterTypes = List.of();
    private boolean copyValues;
    private boolean immutableElements;
    private String[] keyParameters = new String[0];
    private Duration expireAfterWrite;
    private long maxEntries = -1;
    private boolean persisted;
    private SingletonLifecycle.Release onRelease;
    private Duration refreshAfter;
    private boolean async;

    private Builder(
        CacheRegistry registry,
        Class<?> owner,
        String methodName,
        String descriptor,
        boolean copyValues) {
      this.registry = registry;
      this.owner = owner;
      String ownerName = owner.getName();
      this.binaryClassName = ownerName;
      this.className = ownerName.substring(ownerName.lastIndexOf('.') + 1).replace('$', '.');
      this.methodName = methodName;
      this.descriptor = descriptor;
      this.copyValues = copyValues;
    }

    /**
     * Names the parameter types as the source writes them, without packages ({@code "Map<String,
     * Integer>"}, {@code "String..."}), for messages and statistics; none by default.
     *
     * @param names one per parameter, in order
     * @return this builder
     */
    public Builder parameterTypes(String... names) {
      this.parameterTypes = List.of(names);
      return this;
    }

    /**
     * Names the key parameters, in order, for messages.
     *
     * @param names the source names of the parameters that form the key
     * @return this builder
     */
    public Builder keyParameters(String... names) {
      this.keyParameters = names.clone();
      return this;
    }

    /**
     * Declares that the method's return type is immutable, so results are never copied.
     *
     * @return this builder
     */
    public Builder immutableValues() {
      this.copyValues = false;
      return this;
    }

    /**
     * Declares that results are containers whose elements (and keys) are of final immutable types,
     * so a copy needs only a new container of the same class, without looking at the elements.
     *
     * @return this builder
     */
    public Builder immutableElements() {
      this.immutableElements = true;
      return this;
    }

    /**
     * Expires each entry this long after it was stored.
     *
     * @param ttl the time to live, positive
     * @return this builder
     */
    public Builder expireAfterWrite(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive: " + ttl);
      }
      this.expireAfterWrite = ttl;
      return this;
    }

    /**
     * Bounds the number of entries.
     *
     * @param maxEntries the bound, positive
     * @return this builder
     */
    public Builder maxEntries(long maxEntries) {
      if (maxEntries <= 0) {
        throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Declares that the method is {@code @Memo(persist = true)}: its entries are also kept in the
     * process's memo store.
     *
     * @return this builder
     */
    public Builder persisted() {
      this.persisted = true;
      return this;
    }

    /**
     * Calls the method's {@code onRelease} method once for each value that leaves the cache.
     *
     * @param release calls the user's method with the value (and its owner, for an instance method)
     * @return this builder
     */
    public Builder onRelease(SingletonLifecycle.Release release) {
      if (registry != CacheRegistry.SINGLETON) {
        throw new IllegalStateException("onRelease is for @Singleton methods only: " + methodName);
      }
      this.onRelease = Objects.requireNonNull(release, "release");
      return this;
    }

    /**
     * Recomputes an entry in the background once it is older than {@code refreshAfter}, while
     * calls keep getting the old value.
     *
     * @param refreshAfter the age after which an entry is refreshed, positive
     * @return this builder
     */
    public Builder refreshAfter(Duration refreshAfter) {
      if (refreshAfter.isNegative() || refreshAfter.isZero()) {
        throw new IllegalArgumentException("refreshAfter must be positive: " + refreshAfter);
      }
      this.refreshAfter = refreshAfter;
      return this;
    }

    /**
     * Declares that the method returns a {@code CompletableFuture} or {@code CompletionStage}: the
     * cache holds the future, removes it if it fails, and hands each caller a dependent future of
     * its own (of its own copy of the value, unless {@link #immutableValues()}).
     *
     * @return this builder
     */
    public Builder async() {
      this.async = true;
      return this;
    }

    /** Returns whether {@link #persisted()} was called. */
    boolean isPersisted() {
      return persisted;
    }

    /**
     * Creates the cache and registers it for the global clears.
     *
     * @return the cache
     */
    public MethodCache build() {
      return new MethodCache(this);
    }
  }
}
