package io.memocache.spring;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Clears every {@code @Memo} and {@code @Singleton} cache before and after each test method of a
 * Spring test, so values one test computed never reach another, whichever test context they share.
 * Spring Test registers it by itself (from {@code META-INF/spring.factories}) wherever this starter
 * is on the test class path. It clears before the test's {@code @BeforeEach} methods run, so what
 * they put in the caches stays for the test.
 *
 * <p>To keep caches across tests, set {@code memocache.test.clear-caches=false} in the test's
 * properties.
 */
public class MemoCacheTestExecutionListener implements TestExecutionListener, Ordered {
  /** The property that turns clearing off when {@code false}. */
  public static final String ENABLED_PROPERTY = "memocache.test.clear-caches";

  /** Creates the listener; Spring Test does so from {@code META-INF/spring.factories}. */
  public MemoCacheTestExecutionListener() {}

  @Override
  public void beforeTestMethod(TestContext testContext) {
    clearIfEnabled(testContext);
  }

  @Override
  public void afterTestMethod(TestContext testContext) {
    clearIfEnabled(testContext);
  }

  private static void clearIfEnabled(TestContext testContext) {
    boolean enabled =
        !testContext.hasApplicationContext()
            || testContext
                .getApplicationContext()
                .getEnvironment()
                .getProperty(ENABLED_PROPERTY, Boolean.class, true);
    if (enabled) {
      MemoCaches.clearAll();
      SingletonCaches.clearAll();
    }
  }

  /** Runs after Spring's own listeners have prepared the test instance. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
