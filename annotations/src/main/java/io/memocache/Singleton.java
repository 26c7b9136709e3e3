package io.memocache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Creates a <em>shared object</em> once per argument key and returns it <strong>by reference</strong>.
 *
 * <p>Use it for things that should exist once and be shared by every thread: a connection pool, a
 * client, a loaded model. Calling the method through the generated {@code Foo_Cached} runs it once
 * per distinct argument content; every later caller, on any thread, gets the very same instance.
 * The result may be of any type; nothing is copied or serialized.
 *
 * <p>Parameters whose name starts with {@code _} are passed through but left out of the key.
 * Exceptions are never cached. Use {@link Memo} instead for data that callers may mutate.
 *
 * <pre>{@code
 * @Singleton
 * DataSource dataSource(String url) { return new HikariDataSource(config(url)); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Singleton {

  /**
   * How long an instance is kept after it was created; {@code ""} (the default) keeps it until
   * cleared or evicted. Same forms as {@link Memo#ttl()}.
   *
   * @return the time to live, or {@code ""} for no expiry
   */
  String ttl() default "";

  /**
   * The most instances this method keeps; {@code -1} (the default) means unbounded. {@code 0} or a
   * value below {@code -1} is a compile error.
   *
   * @return the bound on entries, or {@code -1} for none
   */
  long maxEntries() default -1;

  /**
   * The name of a method of the same class, {@code boolean name(T value)}, that tells whether a
   * cached instance is still usable; {@code ""} (the default) trusts every cached instance.
   *
   * <p>On each hit the cached instance is passed to it; when it returns {@code false} the instance
   * is removed (and released, see {@link #onRelease()}) and computed again, once, however many
   * callers saw it rejected at the same time. {@code T} must accept the method's return type. It
   * may have any access but {@code private}. A {@code static} cached method needs a {@code static}
   * validate method; an instance one may use either, and an instance validate method runs on the
   * receiver of the current call. It runs on every hit, so keep it cheap.
   *
   * <pre>{@code
   * @Singleton(validate = "isOpen")
   * Connection connection(String url) { ... }
   *
   * boolean isOpen(Connection connection) { return !connection.isClosed(); }
   * }</pre>
   *
   * <p>A missing, private, overloaded-ambiguous method, or one of the wrong signature, is a compile
   * error ({@code [MemoLifecycle]}).
   *
   * @return the name of the validate method, or {@code ""} for none
   */
  String validate() default "";

  /**
   * The name of a method of the same class, {@code void name(T value)}, called once for each
   * instance that leaves the cache; {@code ""} (the default) calls nothing.
   *
   * <p>An instance leaves by a clear ({@code clearX()}, {@code clearX(args)}, {@code clearAll()},
   * {@code SingletonCaches.clearAll()}), by the {@code maxEntries} bound, by {@code
   * ttl} expiry, or when {@link #validate()} rejects it. The method is called after the instance
   * has left, on the thread that removed it (or, for expiry, a background thread), and never for an
   * instance some call is just about to return. What it throws is logged through {@link
   * System.Logger} and never reaches a caller. {@code T} must accept the method's return type; it
   * may have any access but {@code private}. A {@code static} cached method needs a {@code static}
   * onRelease method; an instance onRelease method runs on the instance whose call created the
   * value.
   *
   * <p>An instance that a computation produced while a clear ran is handed to the callers of that
   * computation but never stored (SPEC: a clear wins), so it never leaves the cache and is never
   * released by memocache.
   *
   * @return the name of the release method, or {@code ""} for none
   */
  String onRelease() default "";

  /**
   * The age after which an entry is recomputed in the background; {@code ""} (the default) never
   * refreshes. Same forms as {@link Memo#ttl()}.
   *
   * <p>Once an entry is older than this, the next call still returns it at once and starts one
   * recomputation, with that call's arguments, on the refresh executor (see {@code
   * MemoCaches.setRefreshExecutor}); its result replaces the entry (and the instance it replaces is released through {@link #onRelease()}). If the recomputation throws,
   * the entry keeps its value, the failure is counted ({@code CacheStats.refreshFailures()}) and a
   * later call tries again. A clear during a refresh wins: the refreshed value is not stored. With
   * {@link #ttl()} too, {@code refreshAfter} must be shorter, or it is a compile error ({@code
   * [MemoRefresh]}).
   *
   * @return the refresh age, or {@code ""} for no refresh
   */
  String refreshAfter() default "";
}
