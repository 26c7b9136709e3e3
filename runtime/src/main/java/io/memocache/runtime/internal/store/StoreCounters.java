package io.memocache.runtime.internal.store;

import io.memocache.runtime.MemoStoreStats;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of a store's operations, one set per method id, for {@link
 * io.memocache.runtime.MemoStore#stats}. Thread-safe. Not an API.
 */
public final class StoreCounters {
  private final ConcurrentHashMap<String, Counters> byMethod = new ConcurrentHashMap<>();

  /**
   * Returns the counters of one method, created on first use.
   *
   * @param methodId the method id
   * @return its counters
   */
  public Counters of(String methodId) {
    Counters counters = byMethod.get(methodId);
    return counters != null ? counters : byMethod.computeIfAbsent(methodId, id -> new Counters());
  }

  /**
   * Returns a snapshot of one method's counters (zeros if it never used the store).
   *
   * @param methodId the method id
   * @return the snapshot
   */
  public MemoStoreStats snapshot(String methodId) {
    Counters counters = byMethod.get(methodId);
    return counters == null ? MemoStoreStats.ZERO : counters.snapshot();
  }

  /** One method's counters. */
  public static final class Counters {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    Counters() {}

    /** Counts a read answered with a valid entry. */
    public void hit() {
      hits.increment();
    }

    /** Counts a read that found no usable entry. */
    public void miss() {
      misses.increment();
    }

    /** Counts an operation the store could not carry out. */
    public void error() {
      errors.increment();
    }

    /** Counts an entry found bad and removed. */
    public void rejected() {
      rejected.increment();
    }

    /**
     * Turns a counted hit into a miss with a rejected entry: the caller could not use the value
     * (it no longer deserializes).
     */
    public void unusableHit() {
      hits.decrement();
      misses.increment();
      rejected.increment();
    }

    MemoStoreStats snapshot() {
      return new MemoStoreStats(hits.sum(), misses.sum(), errors.sum(), rejected.sum());
    }
  }
}
