package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shapes.Lifecycles.Gate;
import com.example.shapes.Lifecycles.Resource;
import io.memocache.runtime.SingletonCaches;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 12: a {@code @Singleton(onRelease = ...)} whose computation is overtaken by a clear
 * still has every created value released exactly once. If the key is free when the computation
 * ends, its value is stored (and released when it leaves); if a newer value is stored, the
 * overtaken computation's callers get that one and its own value, which nobody received, is
 * released at once.
 */
class ClearStraddlingTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Lifecycles_Cached lifecycles = new Lifecycles_Cached();

  @BeforeEach
  void freshCaches() {
    SingletonCaches.clearAll();
    Lifecycles.reset();
    Calls.reset();
    Lifecycles.gate = null;
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    SingletonCaches.clearAll();
  }

  /** The computing caller and one waiter of a computation held at a gate, cleared meanwhile. */
  private record Straddling(Gate gate, Future<Resource> computing, Future<Resource> waiting) {}

  private Straddling startAndClear() throws Exception {
    Gate gate = new Gate();
    Lifecycles.gate = gate;
    Future<Resource> computing = pool.submit(() -> lifecycles.gated("k"));
    assertTrue(gate.entered.await(10, TimeUnit.SECONDS));
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<Resource> waiting =
        pool.submit(
            () -> {
              waiter.set(Thread.currentThread());
              return lifecycles.gated("k");
            });
    while (waiter.get() == null || waiter.get().getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }
    Lifecycles_Cached.clearGated();
    return new Straddling(gate, computing, waiting);
  }

  @Test
  void keyFreeWhenTheOvertakenComputationEnds_itsValueIsStored_andReleasedOnItsNextClear() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          Straddling straddling = startAndClear();
          straddling.gate().open.countDown();
          Resource straddled = straddling.computing().get(10, TimeUnit.SECONDS);

          assertSame(straddled, straddling.waiting().get(10, TimeUnit.SECONDS));
          assertSame(straddled, lifecycles.gated("k"), "stored: the next call hits it");
          assertEquals(1, Calls.count("gated"));
          assertEquals(0, straddled.releases.get());

          Lifecycles_Cached.clearGated();
          assertEquals(1, straddled.releases.get());
          assertEquals(List.of(straddled), List.copyOf(Lifecycles.CREATED));
        });
  }

  @Test
  void newerValueStored_theOvertakenCallersGetIt_andTheOvertakenValueIsReleasedAtOnce() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          Straddling straddling = startAndClear();
          Resource newer = lifecycles.gated("k"); // computed after the clear, and stored
          straddling.gate().open.countDown();

          assertSame(newer, straddling.computing().get(10, TimeUnit.SECONDS));
          assertSame(newer, straddling.waiting().get(10, TimeUnit.SECONDS));
          Resource straddled = Lifecycles.CREATED.peek();
          assertNotSame(newer, straddled);
          assertEquals(1, straddled.releases.get(), "released before its caller returned");
          assertEquals(List.of(straddled), List.copyOf(lifecycles.releasedHere));
          assertEquals(0, newer.releases.get());
          assertSame(newer, lifecycles.gated("k"));

          Lifecycles_Cached.clearGated();
          assertEquals(1, newer.releases.get());
          assertEquals(1, straddled.releases.get());
          assertEquals(2, Calls.count("gated"));
        });
  }
}
