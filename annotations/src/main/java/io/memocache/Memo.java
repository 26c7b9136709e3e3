package io.memocache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a method's <em>data</em> result per argument key and returns it <strong>by value</strong>.
 *
 * <p>The memocache processor generates {@code Foo_Cached} for every class {@code Foo} with an
 * annotated method. Calling the method through {@code Foo_Cached} computes the result once per
 * distinct argument content and hands every caller its own copy, so a caller that mutates what it
 * got never changes the cache, and the method mutating the object it returned never does either.
 * Values of immutable types ({@code String}, boxed primitives, enums, {@code java.time}, records of
 * such) are returned without copying.
 *
 * <p>Parameters whose name starts with {@code _} are passed through but left out of the key: use
 * them for connections, sessions and other context that must not be hashed. Exceptions are never
 * cached. Use {@link Singleton} instead for shared objects such as pools and clients.
 *
 * <pre>{@code
 * @Memo(ttl = "10m", maxEntries = 1000)
 * Page getPage(DataSource _dataSource, int pageSize, int page) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Memo {

  /**
   * How long an entry lives after it was computed; {@code ""} (the default) keeps it until cleared
   * or evicted.
   *
   * <p>Accepts ISO-8601 durations ({@code "PT10M"}) and shorthand made of positive whole amounts
   * with the units {@code ms}, {@code s}, {@code m}, {@code h} and {@code d}, largest unit first
   * ({@code "500ms"}, {@code "30s"}, {@code "1h30m"}). Anything else is a compile error.
   *
   * @return the time to live, or {@code ""} for no expiry
   */
  String ttl() default "";

  /**
   * The most entries this method's cache holds; {@code -1} (the default) means unbounded. When the
   * bound is exceeded the least valuable entries are evicted. {@code 0} or a value below {@code -1}
   * is a compile error.
   *
   * @return the bound on entries, or {@code -1} for none
   */
  long maxEntries() default -1;

  /**
   * Whether entries are also kept in the process's memo store, so that they outlive the JVM and,
   * with a shared store, are shared by every JVM that uses it; {@code false} by default.
   *
   * <p>A persisted method keeps its in-process entries exactly as a plain memo does; a call that
   * misses in-process looks in the store before computing, and each computed value is written to
   * it. A stored entry is found by the method's identity, a fingerprint of its code (so editing the
   * method and recompiling makes its old entries unreachable) and the content of the key arguments.
   * Entries are authenticated; one that is tampered with, expired or no longer readable is a miss,
   * and a store that fails never fails the call. {@link #ttl()} holds in the store too. Which store
   * is used, and how to configure it, is described in the README's "Persistence" section.
   *
   * <p>The result type and the key parameters' types must be storable: a type that holds a thread,
   * a stream, a lock, a connection or a lambda is a compile error ({@code [MemoUnpersistable]}).
   *
   * @return whether computed values are also kept in the memo store
   */
  boolean persist() default false;

  /**
   * The age after which an entry is recomputed in the background; {@code ""} (the default) never
   * refreshes. Same forms as {@link Memo#ttl()}.
   *
   * <p>Once an entry is older than this, the next call still returns it at once and starts one
   * recomputation, with that call's arguments, on the refresh executor (see {@code
   * MemoCaches.setRefreshExecutor}); its result replaces the entry. If the recomputation throws,
   * the entry keeps its value, the failure is counted ({@code CacheStats.refreshFailures()}) and a
   * later call tries again. A clear during a refresh wins: the refreshed value is not stored. With
   * {@link #ttl()} too, {@code refreshAfter} must be shorter, or it is a compile error ({@code
   * [MemoRefresh]}).
   *
   * @return the refresh age, or {@code ""} for no refresh
   */
  String refreshAfter() default "";
}
