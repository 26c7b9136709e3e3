package io.memocache.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A memo store: where {@code @Memo(persist = true)} methods keep their entries beyond the life of
 * the process, and, when shared, across processes and machines. The process's store is chosen by
 * {@link MemoStores}; {@link DiskStore} is the embedded one, {@code memocache-redis} adds a shared
 * one.
 *
 * <p>A store deals in bytes only: the caller hands it an opaque <em>method id</em> (which names the
 * declaring class, the method, its parameter types and a fingerprint of its code, so a changed
 * method never reads its old entries), the key's canonical bytes and the value's serialized bytes.
 * Entries are namespaced by method id: two methods never see each other's entries, and {@link
 * #clear(String)} removes one method's entries without touching the others.
 *
 * <p><b>Contract for implementations.</b>
 *
 * <ul>
 *   <li><b>Never fail a call.</b> An unreachable, slow, full or read-only store reports a miss
 *       (reads) or does nothing (writes, clears); it counts the failure in {@link #stats(String)}
 *       and logs it, rate-limited. Only a programming error (a {@code null} argument) throws.
 *       Callers still guard every call, so a store that breaks this rule degrades to a miss.
 *   <li><b>Authenticate.</b> A store returns only bytes that it verified were written, for this
 *       very method id and key, by a holder of its secret; anything else (tampered, truncated,
 *       written under another secret, or an entry whose stored key differs from the requested one)
 *       is a miss, removed and counted as rejected. Value bytes are handed to the caller, who
 *       deserializes them, only after that check.
 *   <li><b>Expire.</b> An entry past its time to live is a miss and is removed.
 *   <li><b>Bound the time.</b> No call blocks longer than the store's timeout.
 *   <li><b>Be thread-safe.</b> Any thread may call any method at any time, {@link #close()}
 *       included; after close, reads miss and writes do nothing.
 * </ul>
 *
 * <p>The batch methods ({@link #getAll}, {@link #putAll}) exist so a networked store can answer
 * many keys in one round trip; their defaults loop over the single-entry methods, which suits a
 * local store.
 */
public interface MemoStore extends AutoCloseable {

  /**
   * Returns the value stored for {@code key} of the method, or {@code null} on a miss (absent,
   * expired, rejected, or the store failed).
   *
   * @param methodId the method's id, opaque to the store
   * @param key the key's canonical bytes
   * @return the authenticated value bytes, or {@code null}
   */
  byte[] get(String methodId, byte[] key);

  /**
   * Stores {@code value} for {@code key} of the method, replacing any entry the key had. Does
   * nothing when the store fails or the entry cannot fit the store's bound.
   *
   * @param methodId the method's id, opaque to the store
   * @param key the key's canonical bytes
   * @param value the value's serialized bytes
   * @param ttl how long the entry lives, positive, or {@code null} for no expiry
   */
  void put(String methodId, byte[] key, byte[] value, Duration ttl);

  /**
   * Removes the entry of {@code key} of the method, if any.
   *
   * @param methodId the method's id, opaque to the store
   * @param key the key's canonical bytes
   */
  void remove(String methodId, byte[] key);

  /**
   * Removes an entry that {@link #get} returned but the caller cannot use: its bytes no longer
   * deserialize, say, because the value's classes changed. The store counts that read as a miss
   * and the entry as rejected, not as a hit. The default just {@linkplain #remove removes} it.
   *
   * @param methodId the method's id, opaque to the store
   * @param key the key's canonical bytes
   */
  default void discard(String methodId, byte[] key) {
    remove(methodId, key);
  }

  /**
   * Removes every entry of the method. When it returns, no later {@link #get} of this store (of any
   * process, for a shared store) returns an entry written before it.
   *
   * @param methodId the method's id, opaque to the store
   */
  void clear(String methodId);

  /** Removes every entry of every method. */
  void clearAll();

  /**
   * Returns the values stored for several keys of one method, in the order of {@code keys}, with
   * {@code null} for each miss. The default calls {@link #get} per key.
   *
   * @param methodId the method's id, opaque to the store
   * @param keys the keys' canonical bytes
   * @return a mutable list as long as {@code keys}
   */
  default List<byte[]> getAll(String methodId, List<byte[]> keys) {
    List<byte[]> values = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      values.add(get(methodId, key));
    }
    return values;
  }

  /**
   * Stores several entries of one method, all with the same time to live. The default calls {@link
   * #put} per entry. Keys are compared by identity, so callers pass the same arrays they would pass
   * to {@link #put}.
   *
   * @param methodId the method's id, opaque to the store
   * @param entries key bytes to value bytes
   * @param ttl how long the entries live, positive, or {@code null} for no expiry
   */
  default void putAll(String methodId, Map<byte[], byte[]> entries, Duration ttl) {
    entries.forEach((key, value) -> put(methodId, key, value, ttl));
  }

  /**
   * Starts the computation of a key that missed everywhere, so that a shared store lets one process
   * compute it while the others wait (fleet single flight). The caller checks {@link
   * Lease#value()}: when it is not {@code null}, another process computed the value meanwhile and
   * the caller uses it; otherwise the caller computes, {@linkplain #put puts} the result and
   * {@linkplain Lease#close() closes} the lease in a {@code finally}, whether it succeeded or not.
   *
   * <p>The default, right for a store that is not shared or does not coordinate, returns at once a
   * lease with no value, so the caller computes.
   *
   * @param methodId the method's id, opaque to the store
   * @param key the key's canonical bytes
   * @return the lease, never {@code null}
   */
  default Lease lease(String methodId, byte[] key) {
    return Lease.COMPUTE;
  }

  /**
   * Registers a listener told about entries removed by <em>other</em> processes sharing this store,
   * so the caller can drop them from its in-process tier. The default does nothing: a store that is
   * not shared has no one else to hear from.
   *
   * @param listener the listener; it must return quickly and not throw
   */
  default void addInvalidationListener(InvalidationListener listener) {}

  /**
   * Returns the counters of one method's operations on this store. The default returns zeros.
   *
   * @param methodId the method's id, opaque to the store
   * @return a snapshot of the method's counters
   */
  default MemoStoreStats stats(String methodId) {
    return MemoStoreStats.ZERO;
  }

  /**
   * Releases the store's resources. Afterwards reads miss and writes do nothing. Closing twice is
   * harmless; it never throws.
   */
  @Override
  void close();

  /**
   * The right to compute one key, or the value another process computed for it; see {@link
   * MemoStore#lease}.
   */
  interface Lease extends AutoCloseable {
    /** A lease with no value whose close does nothing: the caller computes. */
    Lease COMPUTE = () -> null;

    /**
     * Returns the value another process computed while this one waited, or {@code null} when this
     * process holds the lease and should compute.
     *
     * @return the authenticated value bytes, or {@code null}
     */
    byte[] value();

    /** Gives the lease up, so a waiting process may go on. Never throws. */
    @Override
    default void close() {}
  }

  /**
   * Hears about entries other processes removed from a shared store; see {@link
   * MemoStore#addInvalidationListener}.
   */
  interface InvalidationListener {
    /**
     * Called when one entry of a method was removed.
     *
     * @param methodId the method's id
     * @param key the key's canonical bytes
     */
    void removed(String methodId, byte[] key);

    /**
     * Called when every entry of a method was removed.
     *
     * @param methodId the method's id
     */
    void cleared(String methodId);

    /**
     * Called when every entry was removed, or when the store may have missed removals (its
     * connection dropped and came back): the caller drops all its persisted in-process entries.
     */
    void clearedAll();
  }
}
