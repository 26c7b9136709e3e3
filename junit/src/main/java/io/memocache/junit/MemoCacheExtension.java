package io.memocache.junit;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Clears every {@code @Memo} and {@code @Singleton} cache of the process before and after each
 * test, so no test sees values another test computed. memocache's caches are static, like the
 * methods they cache: without this, they outlive a test, a test class and a Spring test context.
 *
 * <pre>{@code
 * @ExtendWith(MemoCacheExtension.class)   // or @ClearCaches
 * class CatalogTest { ... }
 * }</pre>
 *
 * <p>To apply it to every test class, enable JUnit's extension auto-detection ({@code
 * junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties}): this
 * jar declares the extension for it.
 *
 * <p>Singleton instances are dropped, not closed, exactly as {@link SingletonCaches#clearAll()}
 * does. Tests that run in parallel share the caches, so clears between them are not isolation:
 * run the tests that depend on cache state in the same thread (JUnit's {@code
 * @Isolated} or {@code @ResourceLock}).
 */
public final class MemoCacheExtension implements BeforeEachCallback, AfterEachCallback {
  /** Creates the extension; JUnit does so for {@code @ExtendWith}. */
  public MemoCacheExtension() {}

  /**
   * Clears every cache, so the test starts from empty caches.
   *
   * @param context the test about to run
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    clearEveryCache();
  }

  /**
   * Clears every cache, so what the test computed does not reach tests without the extension.
   *
   * @param context the test that ran
   */
  @Override
  public void afterEach(ExtensionContext context) {
    clearEveryCache();
  }

  private static void clearEveryCache() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
  }
}
