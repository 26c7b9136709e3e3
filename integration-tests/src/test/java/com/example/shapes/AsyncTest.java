package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import io.memocache.runtime.UncopyableResultException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 11: futures are cached without blocking, and each caller gets its own. */
class AsyncTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final AsyncCalls calls = new AsyncCalls_Cached();

  @BeforeEach
  void fresh() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Calls.reset();
    AsyncCalls.next = new CompletableFuture<>();
  }

  @AfterEach
  void stop() throws InterruptedException {
    AsyncCalls.next.complete(List.of());
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void concurrentCallers_shareOneComputation_andNoneBlocks() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          CountDownLatch start = new CountDownLatch(1);
          List<Future<CompletableFuture<List<String>>>> returned = new ArrayList<>();
          for (int i = 0; i < 16; i++) {
            returned.add(
                pool.submit(
                    () -> {
                      start.await();
                      return calls.names("g");
                    }));
          }
          start.countDown();
          List<CompletableFuture<List<String>>> futures = new ArrayList<>();
          for (Future<CompletableFuture<List<String>>> call : returned) {
            // Every call returns while the computation's future is still incomplete.
            futures.add(call.get(10, TimeUnit.SECONDS));
          }
          assertFalse(AsyncCalls.next.isDone());
          assertEquals(1, Calls.count("names"));
          CompletableFuture.runAsync(() -> AsyncCalls.next.complete(AsyncCalls.list("a", "b")));
          for (CompletableFuture<List<String>> future : futures) {
            assertEquals(List.of("a", "b"), future.get(10, TimeUnit.SECONDS));
          }
          assertEquals(1, Calls.count("names"));
        });
  }

  @Test
  void failedFuture_isRemoved_andTheNextCallComputesAgain() throws Exception {
    CompletableFuture<List<String>> failed = calls.names("f");
    AsyncCalls.next.completeExceptionally(new IllegalStateException("down"));
    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
    assertEquals("down", thrown.getCause().getMessage());
    AsyncCalls.next = CompletableFuture.completedFuture(AsyncCalls.list("up"));
    assertEquals(List.of("up"), calls.names("f").get(10, TimeUnit.SECONDS));
    assertEquals(2, Calls.count("names"));
    assertEquals(List.of("up"), calls.names("f").get(10, TimeUnit.SECONDS));
    assertEquals(2, Calls.count("names"));
  }

  @Test
  void cancellingOneCallersFuture_leavesTheOthersAndTheComputationAlone() throws Exception {
    CompletableFuture<List<String>> first = calls.names("c");
    CompletableFuture<List<String>> second = calls.names("c");
    assertTrue(first.cancel(true));
    assertFalse(AsyncCalls.next.isCancelled());
    AsyncCalls.next.complete(AsyncCalls.list("x"));
    assertEquals(List.of("x"), second.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("x"), calls.names("c").get(10, TimeUnit.SECONDS));
    assertEquals(1, Calls.count("names"));
  }

  @Test
  void memoCallers_eachGetTheirOwnCopy() throws Exception {
    AsyncCalls.next.complete(AsyncCalls.list("v"));
    List<String> mine = calls.names("m").get(10, TimeUnit.SECONDS);
    mine.add("mutated");
    List<String> theirs = calls.names("m").get(10, TimeUnit.SECONDS);
    assertEquals(List.of("v"), theirs);
    assertNotSame(mine, theirs);
    // The method's own later mutation of what it returned never reaches the cache either.
    AsyncCalls.next.join().add("late");
    assertEquals(List.of("v"), calls.names("m").get(10, TimeUnit.SECONDS));
  }

  @Test
  void memoOfAFutureOfAFuture_failsEachCallsFuture_asAnUncopyableResult_andCachesNothing() {
    for (int call = 1; call <= 2; call++) {
      CompletableFuture<CompletableFuture<String>> future = calls.nested("k");
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
      UncopyableResultException cause =
          assertInstanceOf(UncopyableResultException.class, failure.getCause());
      assertTrue(cause.getMessage().contains("AsyncCalls.nested(String)"), cause.getMessage());
      assertTrue(cause.getMessage().contains("CompletableFuture"), cause.getMessage());
      assertEquals(call, Calls.count("nested"));
    }
  }

  @Test
  void singletonCallers_getDependentFuturesOfTheSameInstance() throws Exception {
    CompletableFuture<StringBuilder> first =
        AsyncCalls_Cached.client("u").toCompletableFuture();
    CompletableFuture<StringBuilder> second =
        AsyncCalls_Cached.client("u").toCompletableFuture();
    assertNotSame(first, second);
    assertSame(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
    assertEquals(1, Calls.count("client"));
  }
}
