package io.memocache.runtime;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of one cached method's statistics, as returned by {@link MemoCaches#stats()} and
 * {@link SingletonCaches#stats()}. Counters start when the generated class is loaded and are not
 * reset by clears.
 *
 * @param id the method's stable identity, as {@link CachedMethod#id()} describes it: {@code
 *     com.acme.Catalog.price(String,int)}
 * @param binaryClassName the binary name of the class declaring the method, as {@link
 *     Class#getName()} returns it: {@code com.acme.Catalog}, {@code com.acme.Outer$Inner}
 * @param className the name of the class declaring the method, without its package ({@code
 *     Outer.Inner} for a nested class)
 * @param methodName the method's name
 * @param parameterTypes the method's parameter types as written, which tell overloads apart
 * @param entries the values stored now
 * @param inFlight the computations running now; they are not entries, and neither {@code ttl} nor
 *     {@code maxEntries} ever removes them
 * @param hits calls answered from a stored value
 * @param misses calls that found no stored value (they computed it, or waited for a computation
 *     another thread had started)
 * @param computations times the original method ran
 * @param failures computations that threw (nothing was cached)
 * @param evictions stored values removed by the {@code maxEntries} bound or by {@code ttl}
 * @param totalComputationTime the time spent in the original method, summed over computations
 * @param storeHits for a {@code @Memo(persist = true)} method, in-process misses answered from the
 *     memo store (not computed); 0 for other methods
 * @param storeMisses memo-store reads that found no usable entry
 * @param storeErrors memo-store operations that failed (the call went on as if the store were
 *     empty)
 * @param storeRejected bad entries found in the memo store (tampered, truncated, written under
 *     another secret, or no longer readable) and removed
 * @param refreshes background refreshes ({@code refreshAfter}) whose value replaced an entry
 * @param refreshFailures background refreshes that threw; the entry kept its previous value
 */
public record CacheStats(
    String id,
    String binaryClassName,
    String className,
    String methodName,
    List<String> parameterTypes,
    long entries,
    long inFlight,
    long hits,
    long misses,
    long computations,
    long failures,
    long evictions,
    Duration totalComputationTime,
    long storeHits,
    long storeMisses,
    long storeErrors,
    long storeRejected,

    long refreshes,
    long refreshFailures) {

  /**
   * Creates statistics of a method without {@code refreshAfter}.
   *
   * @param id see the record's components
   * @param binaryClassName see the record's components
   * @param className see the record's components
   * @param methodName see the record's components
   * @param parameterTypes see the record's components
   * @param entries see the record's components
   * @param inFlight see the record's components
   * @param hits see the record's components
   * @param misses see the record's components
   * @param computations see the record's components
   * @param failures see the record's components
   * @param evictions see the record's components
   * @param totalComputationTime see the record's components
   */
  public CacheStats(
      String id,
      String binaryClassName,
      String className,
      String methodName,
      List<String> parameterTypes,
      long entries,
      long inFlight,
      long hits,
      long misses,
      long computations,
      long failures,
      long evictions,
      Duration totalComputationTime) {
    this(
        id,
        binaryClassName,
        className,
        methodName,
        parameterTypes,
        entries,
        inFlight,
        hits,
        misses,
        computations,
        failures,
        evictions,
        totalComputationTime,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /**
   * Returns the mean time one computation took, or zero when nothing was computed.
   *
   * @return the mean computation time
   */
  public Duration meanComputationTime() {
    return computations == 0 ? Duration.ZERO : totalComputationTime.dividedBy(computations);
  }

  /**
   * Returns the share of calls answered from a stored value, from 0 to 1 (0 when never called).
   *
   * @return the hit rate
   */
  public double hitRate() {
    long calls = hits + misses;
    return calls == 0 ? 0 : (double) hits / calls;
  }

  /**
   * Returns {@code Class.method(Types)}, the name runtime messages use for the method.
   *
   * @return the method's display name
   */
  public String method() {
    return className + "." + methodName + "(" + String.join(", ", parameterTypes) + ")";
  }
}
