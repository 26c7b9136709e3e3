package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.CacheStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The miss protocol the generated code follows, driven by hand: how a computation's Pending is
 * released on every way out, and kept apart from the bounded, expiring value store; and the two
 * calls of an async method's hit.
 */
class MethodCacheTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static MethodCache cache(String name) {
    return MethodCache.singleton(MethodCacheTest.class, name, "(I)Ljava/lang/Object;")
        .parameterTypes("int")
        .keyParameters("n")
        .build();
  }

  private static MethodCache.Pending begin(MethodCache cache, Object key) {
    return assertInstanceOf(MethodCache.Pending.class, cache.begin(key));
  }

  /** The owner left without reporting (failed itself ran out of stack), as a finally records. */
  private static void leaveWithoutOutcome(MethodCache.Pending pending) {
    pending.ownerLeft = true;
  }

  @Test
  void abandonedComputation_failsItsWaiterAndTheNextCallComputesAgain() {
    MethodCache cache = cache("abandoned");
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          MethodCache.Pending pending = begin(cache, Keys.of(1));
          AtomicReference<Throwable> waiterGot = new AtomicReference<>();
          Thread waiter =
              new Thread(
                  () -> {
                    try {
                      cache.begin(Keys.of(1));
                    } catch (Throwable t) {
                      waiterGot.set(t);
                    }
                  });
          waiter.start();
          while (waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
          }
          leaveWithoutOutcome(pending);
          waiter.join(10_000);
          assertFalse(waiter.isAlive(), "the waiter still waits for an abandoned computation");
          StackOverflowError error = assertInstanceOf(StackOverflowError.class, waiterGot.get());
          assertTrue(error.getMessage().contains("abandoned(int)"), error.getMessage());
          assertEquals(0, cache.stats().inFlight());

          MethodCache.Pending again = begin(cache, Keys.of(1));
          assertNotSame(pending, again);
          assertEquals("v1", again.succeeded("v1"));
          assertEquals("v1", cache.getIfPresent(Keys.of(1)));
        });
  }

  @Test
  void abandonedComputation_isNotRecursionForItsOwnThread() {
    MethodCache cache = cache("ownThread");
    MethodCache.Pending pending = begin(cache, Keys.of(2));
    leaveWithoutOutcome(pending);
    assertNotSame(pending, begin(cache, Keys.of(2)), "the key computes again");
  }

  @Test
  void endingComputation_settlesWhatItsInnerFramesAbandoned() {
    MethodCache cache = cache("nested");
    MethodCache.Pending outer = begin(cache, Keys.of(3));
    MethodCache.Pending inner = begin(cache, Keys.of(4));
    leaveWithoutOutcome(inner);
    assertEquals(2, cache.mappedPendings());
    outer.failed(new IllegalStateException("the inner call overflowed"));
    outer.ownerLeft = true;
    assertEquals(0, cache.mappedPendings(), "the outer computation settled the inner one");
  }

  @Test
  void clearDuringComputation_keepsItsValueOutOfTheStore() {
    MethodCache cache = cache("cleared");
    MethodCache.Pending pending = begin(cache, Keys.of(5));
    cache.clear();
    assertEquals("old", pending.succeeded("old"));
    pending.ownerLeft = true;
    assertSame(MethodCache.ABSENT, cache.getIfPresent(Keys.of(5)));
    assertEquals(0, cache.stats().entries());
  }

  @Test
  void computationInFlight_isNeitherEntryNorEvictedByTheBound() {
    MethodCache cache =
        MethodCache.singleton(MethodCacheTest.class, "bounded", "(I)Ljava/lang/Object;")
            .parameterTypes("int")
            .keyParameters("n")
            .maxEntries(1)
            .expireAfterWrite(Duration.ofMillis(1))
            .build();
    // Key 6 computes while ten other keys are stored, each evicting or expiring the one before.
    MethodCache.Pending slow = begin(cache, Keys.of(6));
    for (int n = 10; n < 20; n++) {
      MethodCache.Pending quick = begin(cache, Keys.of(n));
      quick.succeeded("v" + n);
      quick.ownerLeft = true;
    }
    CacheStats stats = cache.stats();
    assertEquals(1, stats.inFlight());
    assertTrue(stats.entries() <= 1, stats.toString());
    assertTrue(
        stats.evictions() <= 10 - stats.entries(), "only stored values are evicted: " + stats);
    assertEquals(1, cache.mappedPendings());
    slow.succeeded("v6");
    slow.ownerLeft = true;
    assertEquals(0, cache.stats().inFlight());
  }

  @Test
  @SuppressWarnings("unchecked")
  void asyncHit_getSharedCountsIt_andHandOutGivesEachCallerItsOwnFutureOfItsOwnCopy() {
    MethodCache cache =
        MethodCache.memo(
                MethodCacheTest.class, "names", "(I)Ljava/util/concurrent/CompletableFuture;")
            .parameterTypes("int")
            .keyParameters("n")
            .async()
            .build();
    assertSame(MethodCache.ABSENT, cache.getShared(Keys.of(7)));
    MethodCache.Pending pending = begin(cache, Keys.of(7));
    pending.succeeded(CompletableFuture.completedFuture(new ArrayList<>(List.of("a"))));
    pending.ownerLeft = true;

    Object shared = cache.getShared(Keys.of(7));
    assertSame(shared, cache.getShared(Keys.of(7)), "the stored future, not a caller's");
    CompletableFuture<List<String>> first =
        (CompletableFuture<List<String>>) cache.handOut(shared);
    CompletableFuture<List<String>> second =
        (CompletableFuture<List<String>>) cache.handOut(shared);
    assertNotSame(first, second);
    assertNotSame(shared, first);
    first.join().add("mutated");
    // Whatever a caller does to its own future, done or not, reaches nobody else.
    first.obtrudeException(new IllegalStateException("a caller's own business"));
    assertEquals(List.of("a"), second.join());
    CompletableFuture<List<String>> third =
        (CompletableFuture<List<String>>) cache.handOut(cache.getShared(Keys.of(7)));
    assertEquals(List.of("a"), third.join(), "neither the mutation nor the failure is stored");
    CacheStats stats = cache.stats();
    assertEquals(3, stats.hits());
    assertEquals(1, stats.misses());
  }
}
