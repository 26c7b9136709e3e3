package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC 9 and 11 together, at the memo store's interface: an async {@code @Memo(persist = true)}
 * holds the store's lease until its future completes, saves only a normally completed value, and
 * always gives the lease back, also when the future never completes.
 */
class AsyncPersistTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final String DESCRIPTOR =
      "(Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;";

  private final LeasingStore store = new LeasingStore();

  /** The method whose fingerprint names the entries; the tests pass the future it returns. */
  static CompletableFuture<List<String>> load(String id) {
    return CompletableFuture.completedFuture(List.of(id));
  }

  @BeforeEach
  void useTheStore() {
    MemoStores.use(store);
  }

  @AfterEach
  void leaveNoStore() {
    MemoStores.use(MemoStores.none());
  }

  private static MethodCache cache(String name) {
    return MethodCache.memo(AsyncPersistTest.class, "load", DESCRIPTOR)
        .parameterTypes("String")
        .keyParameters(name)
        .persisted()
        .async()
        .build();
  }

  /** What a generated async persisted method does, with {@code method} as the original method. */
  @SuppressWarnings("unchecked")
  private static CompletableFuture<List<String>> call(
      MethodCache cache, String id, Supplier<CompletableFuture<List<String>>> method) {
    Object key = Keys.of(id);
    Object value = cache.getShared(key);
    if (value != MethodCache.ABSENT) {
      return (CompletableFuture<List<String>>) cache.handOut(value);
    }
    Object begun = cache.begin(key, new Object[] {id});
    if (!(begun instanceof MethodCache.Pending pending)) {
      return (CompletableFuture<List<String>>) begun;
    }
    try {
      return (CompletableFuture<List<String>>) pending.succeeded(method.get());
    } catch (Throwable e) {
      pending.failed(e);
      throw e;
    } finally {
      pending.ownerLeft = true;
    }
  }

  @Test
  void theLeaseIsHeldUntilTheFutureCompletes_andTheValueIsSavedBeforeItIsClosed() {
    MethodCache cache = cache("held");
    CompletableFuture<List<String>> method = new CompletableFuture<>();

    CompletableFuture<List<String>> mine = call(cache, "a", () -> method);

    assertEquals(1, store.leases.get());
    assertEquals(0, store.closed.get(), "held while the future is incomplete");
    method.complete(new ArrayList<>(List.of("a")));
    assertEquals(List.of("a"), mine.join());
    assertEquals(1, store.closed.get());
    assertEquals(1, store.puts.get());
    assertEquals(1, store.putsBeforeClose.get(), "the value is in the store before the lease goes");
  }

  @Test
  void aFailedOrCancelledFuture_savesNothing_andGivesTheLeaseBack() {
    MethodCache cache = cache("failed");
    CompletableFuture<List<String>> failing = new CompletableFuture<>();
    CompletableFuture<List<String>> cancelled = new CompletableFuture<>();

    call(cache, "a", () -> failing);
    call(cache, "b", () -> cancelled);
    failing.completeExceptionally(new IllegalStateException("down"));
    cancelled.cancel(false);

    assertEquals(2, store.leases.get());
    assertEquals(2, store.closed.get());
    assertEquals(0, store.puts.get());
  }

  @Test
  void aNullFuture_givesTheLeaseBack() {
    MethodCache cache = cache("null");

    CompletableFuture<List<String>> mine = call(cache, "a", () -> null);

    assertTrue(mine.isCompletedExceptionally());
    assertEquals(1, store.closed.get());
    assertEquals(0, store.puts.get());
  }

  @Test
  void aFutureThatNeverCompletes_givesTheLeaseBackAfterTheBound() {
    MethodCache cache = cache("never");
    cache.asyncLeaseBound(Duration.ofMillis(50));

    assertTimeoutPreemptively(
        BOUND,
        () -> {
          call(cache, "a", CompletableFuture::new);
          while (store.closed.get() == 0) {
            Thread.sleep(5);
          }
        });
    assertEquals(1, store.closed.get());
    assertEquals(0, store.puts.get());
  }

  @Test
  void aStoreHit_isACompletedFuture_ofACopyPerCaller_withoutComputing() {
    call(cache("hit"), "a", () -> CompletableFuture.completedFuture(new ArrayList<>(List.of("a"))));
    // A second cache of the same method: an empty in-process tier, as in the next JVM.
    MethodCache cache = cache("hit");

    AtomicInteger computed = new AtomicInteger();
    CompletableFuture<List<String>> first =
        call(cache, "a", () -> {
          computed.incrementAndGet();
          return new CompletableFuture<>();
        });
    CompletableFuture<List<String>> second = call(cache, "a", CompletableFuture::new);

    assertEquals(0, computed.get());
    assertTrue(first.isDone(), "a store hit is already complete");
    assertEquals(List.of("a"), first.join());
    assertNotSame(first.join(), second.join());
    first.join().add("mutated");
    assertEquals(List.of("a"), call(cache, "a", CompletableFuture::new).join());
  }

  /** An in-memory store that grants a lease for every miss and counts what happens to it. */
  private static final class LeasingStore implements MemoStore {
    final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    final AtomicInteger leases = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger putsBeforeClose = new AtomicInteger();

    private static String name(String methodId, byte[] key) {
      return methodId + "/" + java.util.HexFormat.of().formatHex(key);
    }

    @Override
    public byte[] get(String methodId, byte[] key) {
      return entries.get(name(methodId, key));
    }

    @Override
    public void put(String methodId, byte[] key, byte[] value, Duration ttl) {
      puts.incrementAndGet();
      if (closed.get() < leases.get()) {
        putsBeforeClose.incrementAndGet();
      }
      entries.put(name(methodId, key), value);
    }

    @Override
    public void remove(String methodId, byte[] key) {
      entries.remove(name(methodId, key));
    }

    @Override
    public void clear(String methodId) {
      entries.keySet().removeIf(name -> name.startsWith(methodId + "/"));
    }

    @Override
    public void clearAll() {
      entries.clear();
    }

    @Override
    public Lease lease(String methodId, byte[] key) {
      leases.incrementAndGet();
      AtomicInteger closes = new AtomicInteger();
      return new Lease() {
        @Override
        public byte[] value() {
          return null;
        }

        @Override
        public void close() {
          assertEquals(1, closes.incrementAndGet(), "a lease is closed once");
          closed.incrementAndGet();
        }
      };
    }

    @Override
    public void close() {}
  }
}
