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
}
