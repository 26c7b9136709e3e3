package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shapes.Lifecycles.Resource;
import io.memocache.runtime.SingletonCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 12: validate replaces rejected singletons; onRelease sees each leave once. */
class LifecycleTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Lifecycles_Cached lifecycles = new Lifecycles_Cached();

  @BeforeEach
  void freshCaches() {
    SingletonCaches.clearAll();
    Lifecycles.reset();
    Calls.reset();
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    Lifecycles.rejections = new CountDownLatch(0);
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    SingletonCaches.clearAll();
  }

  /** Asserts every resource created so far was released exactly once. */
  private static void everyCreatedReleasedOnce() {
    for (Resource resource : Lifecycles.CREATED) {
      assertEquals(1, resource.releases.get(), resource + " releases");
    }
  }

  @Test
  void validate_replacesARejectedValue_andReleasesItOnce() throws Exception {
    Resource first = lifecycles.connection("db");
    assertSame(first, lifecycles.connection("db"));
    first.broken = true;
    Resource second = lifecycles.connection("db");
    assertNotSame(first, second);
    assertEquals(1, first.releases.get());
    assertEquals(0, second.releases.get());
    assertSame(second, lifecycles.connection("db"));
    assertEquals(2, Calls.count("connection"));
    assertEquals(1, first.releases.get());
  }

  @Test
  void validate_staticMethods_replaceARejectedValue() {
    Resource first = Lifecycles_Cached.shared("s");
    first.broken = true;
    Resource second = Lifecycles_Cached.shared("s");
    assertNotSame(first, second);
    assertEquals(1, first.releases.get());
    assertSame(second, Lifecycles_Cached.shared("s"));
    Lifecycles_Cached.clearShared();
    assertEquals(1, second.releases.get());
  }

  @Test
  void validate_concurrentCallersOfARejectedValue_shareOneRecomputation() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Resource first = lifecycles.connection("db");
          first.broken = true;
          int callers = 8;
          // Every caller sees the rejected value before any of them may remove it.
          Lifecycles.rejections = new CountDownLatch(callers);
          List<Future<Resource>> calls = new ArrayList<>();
          for (int i = 0; i < callers; i++) {
            calls.add(pool.submit(() -> lifecycles.connection("db")));
          }
          Resource replacement = calls.get(0).get(10, TimeUnit.SECONDS);
          for (Future<Resource> call : calls) {
            assertSame(replacement, call.get(10, TimeUnit.SECONDS));
          }
          assertEquals(2, Calls.count("connection"));
          assertEquals(1, first.releases.get());
          assertEquals(0, replacement.releases.get());
        });
  }

  @Test
  void clears_releaseEveryValueExactlyOnce() throws Exception {
    Resource a = lifecycles.connection("a");
    Resource b = lifecycles.connection("b");
    Resource c = lifecycles.connection("c");
    Lifecycles_Cached.clearConnection("a");
    assertEquals(1, a.releases.get());
    assertEquals(0, b.releases.get());
    Lifecycles_Cached.clearConnection();
    assertEquals(1, b.releases.get());
    assertEquals(1, c.releases.get());
    Lifecycles_Cached.clearConnection();
    Lifecycles_Cached.clearAll();
    Resource d = lifecycles.connection("d");
    Lifecycles_Cached.clearAll();
    Resource e = lifecycles.connection("e");
    SingletonCaches.clearAll();
    assertEquals(1, d.releases.get());
    assertEquals(1, e.releases.get());
    everyCreatedReleasedOnce();
  }

  @Test
  void onRelease_instanceMethod_runsOnTheInstanceThatCreatedTheValue() throws Exception {
    Lifecycles_Cached other = new Lifecycles_Cached();
    Resource mine = lifecycles.connection("mine");
    Resource theirs = other.connection("theirs");
    assertSame(mine, other.connection("mine"));
    Lifecycles_Cached.clearConnection();
    assertEquals(List.of(mine), List.copyOf(lifecycles.releasedHere));
    assertEquals(List.of(theirs), List.copyOf(other.releasedHere));
  }

  @Test
  void maxEntriesEviction_releasesEveryEvictedValueExactlyOnce() {
    for (int i = 0; i < 10; i++) {
      lifecycles.bounded(i);
    }
    long released =
        Lifecycles.CREATED.stream().filter(resource -> resource.releases.get() == 1).count();
    assertTrue(released >= 8, "at most 2 entries kept, so at least 8 released: " + released);
    Lifecycles_Cached.clearBounded();
    assertEquals(10, Lifecycles.CREATED.size());
    everyCreatedReleasedOnce();
  }

  @Test
  void ttlExpiry_releasesTheExpiredValueOnce_withoutAnotherCall() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          Resource first = lifecycles.expiring("x");
          // A scheduler expires it on time: no further call is needed for the release.
          while (first.releases.get() == 0) {
            Thread.sleep(5);
          }
          Resource second = lifecycles.expiring("x");
          assertNotSame(first, second);
          Lifecycles_Cached.clearExpiring();
          everyCreatedReleasedOnce();
        });
  }

  @Test
  void onReleaseThatThrows_neverReachesTheCaller() {
    Resource resource = lifecycles.explosive("boom");
    Lifecycles_Cached.clearExplosive();
    SingletonCaches.clearAll();
    assertEquals(1, resource.releases.get());
    assertNotSame(resource, lifecycles.explosive("boom"));
  }

  @Test
  void underClearsAndRejections_noCallReturnsAValueReleasedBeforeItBegan() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          AtomicBoolean stop = new AtomicBoolean();
          AtomicReference<String> violation = new AtomicReference<>();
          List<Future<?>> workers = new ArrayList<>();
          for (int t = 0; t < 3; t++) {
            workers.add(
                pool.submit(
                    () -> {
                      int i = 0;
                      while (!stop.get()) {
                        long releasedBefore = Lifecycles.RELEASES.get();
                        Resource got = lifecycles.connection("k" + (i++ % 2));
                        long releasedAt = got.releasedAt;
                        if (releasedAt != 0 && releasedAt <= releasedBefore) {
                          violation.compareAndSet(null, got + " released before the call began");
                        }
                        if (i % 7 == 0) {
                          got.broken = true;
                        }
                      }
                      return null;
                    }));
          }
          workers.add(
              pool.submit(
                  () -> {
                    for (int round = 0; round < 300; round++) {
                      Lifecycles_Cached.clearConnection(round % 2 == 0 ? "k0" : "k1");
                      if (round % 10 == 0) {
                        Lifecycles_Cached.clearConnection();
                      }
                      Thread.yield();
                    }
                    stop.set(true);
                    return null;
                  }));
          for (Future<?> worker : workers) {
            worker.get(25, TimeUnit.SECONDS);
          }
          assertEquals(null, violation.get());
          Lifecycles_Cached.clearConnection();
          for (Resource resource : Lifecycles.CREATED) {
            assertTrue(resource.releases.get() <= 1, resource + " released more than once");
          }
        });
  }
}
