package io.memocache.runtime;

/**
 * A snapshot of the counters of one method's operations on a {@link MemoStore}.
 *
 * @param hits reads answered with an authenticated, unexpired entry
 * @param misses reads that found no usable entry (absent, expired or rejected; store failures too,
 *     which also count as errors)
 * @param errors operations the store could not carry out (I/O error, full disk, unreachable server,
 *     timeout); the caller went on as if the store were empty
 * @param rejected entries found bad (tampered, truncated, written under another secret, or for
 *     another key) and removed
 */
public record MemoStoreStats(long hits, long misses, long errors, long rejected) {
  /** All counters zero. */
  public static final MemoStoreStats ZERO = new MemoStoreStats(0, 0, 0, 0);
}
