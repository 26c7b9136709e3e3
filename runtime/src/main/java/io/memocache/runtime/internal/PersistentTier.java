package io.memocache.runtime.internal;

import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStoreStats;
import io.memocache.runtime.MemoStores;
import io.memocache.runtime.internal.copies.ValueCopier;
import io.memocache.runtime.internal.store.CanonicalKeys;
import io.memocache.runtime.internal.store.MethodFingerprint;
import io.memocache.runtime.internal.store.RateLimitedLog;
import io.memocache.runtime.internal.store.StoredValues;
import io.memocache.runtime.internal.store.UnreadableValueException;
import io.memocache.runtime.internal.store.UnstorableKeyException;
import io.memocache.runtime.internal.store.UnstorableValueException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/*
 * Design note.
 *
 * Everything a @Memo(persist = true) method does with the memo store, so that MethodCache only
 * calls in at four places: begin (after this thread owns the key's Pending: encode the key, read
 * the store, take the lease), succeeded (write the value, close the lease; for an async method,
 * once its future completes), the clears, and stats. The in-process hit path never reaches this
 * class.
 *
 * Nothing here is resolved at class initialization: the store (MemoStores.current(), which may
 * open the default disk store) and the method id (which needs the method's fingerprint, read from
 * its class file) are resolved at the first store access, a persisted miss or clear. The store is
 * asked of MemoStores at each access (a volatile read once resolved), so MemoStores.use(...) takes
 * effect for methods already loaded.
 *
 * The store never fails a call: every interaction runs in guard(), which turns whatever the store
 * throws (a third-party store may break its contract) into a miss or a skipped write, counted as
 * an error in stats() and logged, rate-limited. A key or value that cannot be stored is not an
 * error of the store: the call is simply not persisted, and the method logs that once.
 *
 * Clears versus writes. A computation that began before a clear must not write its value to the
 * store after the clear (in-process, MethodCache guarantees the same). Each write happens under
 * the read side of a lock and only if the epoch it read at begin is still current; a clear or a
 * remove takes the write side, bumps the epoch and then clears the store. So either the write came
 * first and the clear removes it, or the clear came first and the write is dropped. A remove of
 * one key bumps the one epoch too, dropping the writes of other keys in flight: they are merely
 * not persisted, which is always allowed.
 *
 * An async method (AsyncResults) saves when its future completes, not when the method returns, and
 * before its callers see the value: saveOnCompletion keeps the lease until then, bounded by
 * ASYNC_LEASE_BOUND (a minute), after which waiting processes compute for themselves; the value is
 * still saved when the future completes.
 *
 * Clears by other processes (a shared store) arrive through an InvalidationListener, registered
 * once per store this method has used. The listener holds the tier weakly, so a store outliving a
 * throwaway class loader does not pin its generated classes. Any removal of this method's entries,
 * even of one key, drops all of the method's in-process entries: the listener gets the key's
 * canonical bytes, which cannot be turned back into an in-process key, and an over-eager drop
 * only costs recomputations (or store hits).
 */

/** The memo-store side of one {@code @Memo(persist = true)} method. For MethodCache only. */
final class PersistentTier {
  /** Returned by {@link #load} when the store has no usable entry. */
  static final Object MISS = new Object();

  private static final Logger LOG = System.getLogger(RateLimitedLog.LOGGER_NAME);
  private static final RateLimitedLog FAILURES = RateLimitedLog.perMinute();

  /**
   * How long an async computation holds the store's lease at most: a future may never complete,
   * and a held lease keeps other processes waiting (each up to its store's lease wait).
   */
  static final Duration ASYNC_LEASE_BOUND = Duration.ofMinutes(1);

  private final Class<?> owner;
  private final String methodName;
  private final String descriptor;
  private final String method;
  private final Duration ttl;
  private final Runnable dropInProcess;
  private final ReentrantReadWriteLock clearing = new ReentrantReadWriteLock();
  private final AtomicLong epoch = new AtomicLong();
  private final LongAdder errors = new LongAdder();
  private final AtomicBoolean keyWarned = new AtomicBoolean();
  private final AtomicBoolean valueWarned = new AtomicBoolean();
  // Guarded by itself.
  private final Set<MemoStore> listenedTo = Collections.newSetFromMap(new WeakHashMap<>());
  /** The longest an async computation holds its lease while its future is incomplete. */
  private volatile Duration leaseBound = ASYNC_LEASE_BOUND;
  private volatile String methodId;

  /** The store used last, for stats(); null until the first store access. */
  private volatile MemoStore lastStore;

  /**
   * @param owner the declaring class
   * @param methodName the method's name
   * @param descriptor the JVM descriptor of the method's erasure
   * @param method the method's display name, for messages
   * @param ttl the method's time to live, or null
   * @param dropInProcess drops the method's in-process entries (and computations in flight)
   */
  PersistentTier(
      Class<?> owner,
      String methodName,
      String descriptor,
      String method,
      Duration ttl,
      Runnable dropInProcess) {
    this.owner = owner;
    this.methodName = methodName;
    this.descriptor = descriptor;
    this.method = method;
    this.ttl = ttl;
    this.dropInProcess = dropInProcess;
  }

  /**
   * Returns the id the store files this method's entries under: the declaring class's binary name,
   * the method's name and descriptor, and the fingerprint of its code, so that a changed method
   * never reads the entries of its former code. Computed at first use.
   */
  String methodId() {
    String id = methodId;
    if (id == null) {
      id =
          owner.getName()
              + "."
              + methodName
              + descriptor
              + "#"
              + MethodFingerprint.of(owner, methodName, descriptor);
      methodId = id;
    }
    return id;
  }

  /** Returns the epoch a computation starting now must still see when it writes its value. */
  long epoch() {
    return epoch.get();
  }

  /**
   * Returns the canonical bytes of the key arguments, or null when they cannot be stored (the call
   * is then not persisted; logged once per method).
   */
  byte[] key(Object[] keyArguments) {
    try {
      return CanonicalKeys.encode(keyArguments);
    } catch (UnstorableKeyException e) {
      if (keyWarned.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "memocache: "
                + method
                + " is persisted, but a key argument "
                + e.getMessage()
                + "; such calls are cached in this process only (logged once per method)");
      }
      return null;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failed("encode a key of", e);
      return null;
    }
  }

  /**
   * Reads the entry of {@code key}: returns its value, or {@link #MISS}. On a miss the caller holds
   * the store's lease in {@code pending.lease} and must close it when done; when another process
   * computed the value meanwhile, that value is returned and no lease is held. When the store
   * fails, {@code pending.storeKey} is cleared: the computed value is then not written.
   */
  Object load(byte[] key, MethodCache.Pending pending) {
    MemoStore store = store();
    if (store == null) {
      return MISS;
    }
    try {
      String id = methodId();
      byte[] bytes = store.get(id, key);
      if (bytes != null) {
        Object value = read(store, id, key, bytes);
        if (value != MISS) {
          return value;
        }
      }
      MemoStore.Lease lease = store.lease(id, key);
      if (lease == null) {
        return MISS;
      }
      byte[] computedElsewhere = lease.value();
      if (computedElsewhere == null) {
        pending.lease = lease;
        return MISS;
      }
      close(lease);
      return read(store, id, key, computedElsewhere);
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed("read", e);
      // A store that just failed or timed out is not asked again by this call: its write would
      // most likely wait out a second timeout, and SPEC 10 bounds a call by one timeout plus the
      // computation.
      pending.storeKey = null;
      return MISS;
    }
  }

  /** Deserializes authenticated bytes; bytes that no longer read are discarded: a miss. */
  private Object read(MemoStore store, String id, byte[] key, byte[] bytes) {
    try {
      return StoredValues.deserialize(bytes, owner.getClassLoader());
    } catch (UnreadableValueException e) {
      FAILURES.log(
          Level.INFO,
          "unreadable",
          "memocache: a stored entry of " + method + " is discarded: " + e.getMessage(),
          null);
      store.discard(id, key);
      return MISS;
    }
  }

  /**
   * Writes a computed value, unless a clear happened since the computation began ({@code
   * startEpoch}) or the value cannot be stored (logged once per method).
   *
   * @param value the stored in-process copy, or null for a null result; a copy-engine wrapper
   *     ({@link ValueCopier#storedCopy}) is unwrapped, so that the store holds the user's value
   */
  void save(byte[] key, Object value, long startEpoch) {
    byte[] bytes;
    try {
      bytes = StoredValues.serialize(ValueCopier.storedValue(value));
    } catch (UnstorableValueException e) {
      if (valueWarned.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "memocache: "
                + method
                + " is persisted, but its result "
                + e.getMessage()
                + "; such results are cached in this process only (logged once per method)");
      }
      return;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failed("serialize a result of", e);
      return;
    }
    MemoStore store = store();
    if (store == null) {
      return;
    }
    clearing.readLock().lock();
    try {
      if (epoch.get() == startEpoch) {
        store.put(methodId(), key, bytes, ttl);
      }
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed("write", e);
    } finally {
      clearing.readLock().unlock();
    }
  }

  /**
   * For an async method: returns what to run when its future completes, before the callers see
   * the outcome. It saves a normally completed value as {@link #save} would (a clear since {@code
   * startEpoch} drops it) and closes {@code lease}, once, however the future completes; a lease
   * still held after {@link #leaseBound} is closed then, as other processes must not wait for the
   * lease of a future that never completes. Saving before the callers see the value means that a
   * caller who has the value may exit the JVM and find it in the store next time.
   *
   * @param lease the lease this computation holds, or null
   */
  BiConsumer<Object, Throwable> saveOnCompletion(
      byte[] key, long startEpoch, MemoStore.Lease lease) {
    AtomicReference<MemoStore.Lease> held = new AtomicReference<>(lease);
    CompletableFuture<Object> completed = new CompletableFuture<>();
    if (lease != null) {
      // completeOnTimeout unschedules its timer once completed completes, so a future that
      // completes in time leaves no task behind.
      completed
          .completeOnTimeout(null, leaseBound.toNanos(), TimeUnit.NANOSECONDS)
          .whenComplete((ignored, failure) -> closeOnce(held));
    }
    return (value, failure) -> {
      try {
        if (failure == null) {
          save(key, value, startEpoch);
        }
      } finally {
        closeOnce(held);
        completed.complete(null);
      }
    };
  }

  private void closeOnce(AtomicReference<MemoStore.Lease> held) {
    MemoStore.Lease lease = held.getAndSet(null);
    if (lease != null) {
      close(lease);
    }
  }

  /**
   * Sets how long the lease of an async computation is held at most; for tests.
   *
   * @param bound positive
   */
  void leaseBound(Duration bound) {
    this.leaseBound = bound;
  }

  /** Gives a lease back; never throws. */
  void close(MemoStore.Lease lease) {
    try {
      lease.close();
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed("close a lease of", e);
    }
  }

  /**
   * Removes every entry of the method from the store; later writes of earlier computations drop.
   */
  void clear() {
    MemoStore store = store();
    if (store == null) {
      return;
    }
    clearing.writeLock().lock();
    try {
      epoch.incrementAndGet();
      store.clear(methodId());
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed("clear", e);
    } finally {
      clearing.writeLock().unlock();
    }
  }

  /** Removes the entry of these key arguments from the store, if they can be stored at all. */
  void remove(Object[] keyArguments) {
    byte[] key = key(keyArguments);
    if (key == null) {
      return;
    }
    MemoStore store = store();
    if (store == null) {
      return;
    }
    clearing.writeLock().lock();
    try {
      epoch.incrementAndGet();
      store.remove(methodId(), key);
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed("remove", e);
    } finally {
      clearing.writeLock().unlock();
    }
  }

  /**
   * Returns the store's counters for this method, with the failures this tier caught added to the
   * errors; zeros before the first store access, or with no store.
   */
  MemoStoreStats stats() {
    MemoStore store = lastStore;
    long caught = errors.sum();
    if (store == null) {
      return new MemoStoreStats(0, 0, caught, 0);
    }
    try {
      MemoStoreStats stats = store.stats(methodId());
      return new MemoStoreStats(
          stats.hits(), stats.misses(), stats.errors() + caught, stats.rejected());
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed("read the statistics of", e);
      return new MemoStoreStats(0, 0, errors.sum(), 0);
    }
  }

  /**
   * Returns the process's store, or null when there is none ({@code none}) or it cannot be had;
   * listens to its invalidations from the first use on.
   */
  private MemoStore store() {
    MemoStore store;
    try {
      store = MemoStores.current();
      if (store == MemoStores.none()) {
        lastStore = null;
        return null;
      }
      if (store != lastStore) {
        listenTo(store);
        lastStore = store;
      }
      return store;
    } catch (Exception | LinkageError | StackOverflowError e) {
      failed("open the memo store for", e);
      return null;
    }
  }

  private void listenTo(MemoStore store) {
    synchronized (listenedTo) {
      if (listenedTo.add(store)) {
        store.addInvalidationListener(new Listener(this, methodId()));
      }
    }
  }

  /** Drops in-process entries because another process removed entries from the store. */
  private void removedElsewhere() {
    epoch.incrementAndGet();
    dropInProcess.run();
  }

  private void failed(String what, Throwable e) {
    errors.increment();
    FAILURES.log(
        Level.WARNING,
        "call",
        "memocache: the memo store failed to "
            + what
            + " "
            + method
            + ", which went on as if the store were empty: "
            + e,
        e);
  }

  /** Hears about this method's entries removed by other processes; holds the tier weakly. */
  private static final class Listener implements MemoStore.InvalidationListener {
    private final WeakReference<PersistentTier> tier;
    private final String methodId;

    Listener(PersistentTier tier, String methodId) {
      this.tier = new WeakReference<>(tier);
      this.methodId = methodId;
    }

    @Override
    public void removed(String methodId, byte[] key) {
      cleared(methodId);
    }

    @Override
    public void cleared(String methodId) {
      if (this.methodId.equals(methodId)) {
        clearedAll();
      }
    }

    @Override
    public void clearedAll() {
      PersistentTier tier = this.tier.get();
      if (tier != null) {
        tier.removedElsewhere();
      }
    }
  }
}
