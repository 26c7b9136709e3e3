package io.memocache.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.MemoCaches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension, run on sample test classes through JUnit's engine. The samples are nested classes,
 * so the build's own test run does not pick them up; only the engine below runs them.
 */
class MemoCacheExtensionTest {
  private static final Counter COUNTER = new Counter_Cached();
  private static Object firstConnection;

  /** Each test expects to compute square(3) itself: true only if nothing carried over. */
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class ComputesAfresh {
    @Test
    @Order(1)
    void first() {
      int before = Counter.COMPUTATIONS.get();
      assertEquals(9, COUNTER.square(3));
      assertEquals(before + 1, Counter.COMPUTATIONS.get(), "square(3) was already cached");
      firstConnection = COUNTER.connection();
    }

    @Test
    @Order(2)
    void second() {
      int before = Counter.COMPUTATIONS.get();
      assertEquals(9, COUNTER.square(3));
      assertEquals(before + 1, Counter.COMPUTATIONS.get(), "square(3) was already cached");
      assertNotSame(firstConnection, COUNTER.connection(), "the singleton was kept");
    }
  }

  @ExtendWith(MemoCacheExtension.class)
  static class WithExtension extends ComputesAfresh {}

  @ClearCaches
  static class WithAnnotation extends ComputesAfresh {}

  static class Without extends ComputesAfresh {}

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents();
  }

  private static long squareEntries() {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.id().equals("io.memocache.junit.Counter.square(int)"))
        .mapToLong(CacheStats::entries)
        .sum();
  }

  @BeforeEach
  void startEmpty() {
    Counter_Cached.clearAll();
  }

  @Test
  void extension_givesEachTestEmptyCaches() {
    run(WithExtension.class).assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void clearCachesAnnotation_appliesTheExtension() {
    run(WithAnnotation.class).assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void withoutTheExtension_theSecondTestSeesTheFirstTestsValues() {
    run(Without.class).assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
  }

  @Test
  void autodetection_appliesTheExtensionToEveryTestClass() {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(Without.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void extension_clearsAfterTheTestToo() {
    run(WithExtension.class).assertStatistics(stats -> stats.succeeded(2));
    assertEquals(0, squareEntries(), "what the last test computed is gone");
  }
}
