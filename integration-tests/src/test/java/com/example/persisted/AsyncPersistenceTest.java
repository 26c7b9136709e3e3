package com.example.persisted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shapes.Calls;
import io.memocache.runtime.CacheStats;
import io.memocache.runtime.DiskStore;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.MemoStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC sections 9 and 11 together: {@code @Memo(persist = true)} on a method returning a future
 * stores the completed value, once the future completes normally, and nothing else. That another
 * JVM then hits the store without computing is {@link PersistenceProcessesTest}'s.
 */
@Timeout(60)
class AsyncPersistenceTest {
  @TempDir Path directory;
  private DiskStore store;

  @BeforeEach
  void useAFreshStore() {
    store = DiskStore.open(directory);
    MemoStores.use(store);
    Reports_Cached.clearAll();
    Calls.reset();
    Reports.nextRows = new CompletableFuture<>();
  }

  @AfterEach
  void leaveNoStore() {
    Reports.nextRows.complete(List.of());
    Reports_Cached.clearAll();
    MemoStores.use(MemoStores.none());
    store.close();
  }

  @Test
  void theCompletedValueIsStored_onceItCompletes_andComputedOnce() throws Exception {
    CompletableFuture<List<String>> first = Reports_Cached.rows("q");
    CompletableFuture<List<String>> second = Reports_Cached.rows("q");
    assertEquals(List.of(), entryFiles(), "nothing to store while the future is incomplete");

    Reports.nextRows.complete(new ArrayList<>(List.of("a", "b")));

    assertEquals(List.of("a", "b"), first.join());
    assertEquals(List.of("a", "b"), second.join());
    assertNotSame(first.join(), second.join(), "each caller has its own copy");
    assertEquals(1, entryFiles().size());
    assertEquals(1, Calls.count("rows"));
    assertEquals(1, stats().storeMisses(), "only the miss looked in the store");
  }

  @Test
  void aFailedFuture_storesNothing_andTheNextCallComputesAgain() throws Exception {
    CompletableFuture<List<String>> failed = Reports_Cached.rows("q");
    Reports.nextRows.completeExceptionally(new IllegalStateException("down"));
    assertThrows(CompletionException.class, failed::join);
    assertEquals(List.of(), entryFiles());

    Reports.nextRows = CompletableFuture.completedFuture(new ArrayList<>(List.of("up")));
    assertEquals(List.of("up"), Reports_Cached.rows("q").join());
    assertEquals(2, Calls.count("rows"));
    assertEquals(1, entryFiles().size());
  }

  @Test
  void aCancelledFuture_storesNothing() throws Exception {
    CompletableFuture<List<String>> cancelled = Reports_Cached.rows("q");
    Reports.nextRows.cancel(false);

    assertTrue(cancelled.isCompletedExceptionally());
    assertEquals(List.of(), entryFiles());
  }

  @Test
  void clearX_removesTheStoredValue_andTheNextCallComputes() throws Exception {
    Reports.nextRows = CompletableFuture.completedFuture(new ArrayList<>(List.of("a")));
    Reports_Cached.rows("q").join();
    assertEquals(1, entryFiles().size());

    Reports_Cached.clearRows();

    assertEquals(List.of(), entryFiles());
    Reports_Cached.rows("q").join();
    assertEquals(2, Calls.count("rows"));
    assertEquals(0, stats().storeHits());
  }

  @Test
  void aClearWhileTheFutureIsIncomplete_dropsItsWrite() throws Exception {
    CompletableFuture<List<String>> straddling = Reports_Cached.rows("q");

    Reports_Cached.clearRows("q");
    Reports.nextRows.complete(new ArrayList<>(List.of("old")));

    assertEquals(List.of("old"), straddling.join(), "its caller still gets its value");
    assertEquals(List.of(), entryFiles(), "a value begun before the clear is not stored");
    Reports.nextRows = new CompletableFuture<>();
    assertFalse(Reports_Cached.rows("q").isDone(), "nor kept in-process: the next call computes");
    assertEquals(2, Calls.count("rows"));
  }

  private static CacheStats stats() {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.binaryClassName().equals(Reports.class.getName()))
        .filter(stats -> stats.methodName().equals("rows"))
        .findFirst()
        .orElseThrow();
  }

  private List<Path> entryFiles() throws Exception {
    Path entries = directory.resolve("v1");
    if (!Files.isDirectory(entries)) {
      return List.of();
    }
    try (var files = Files.walk(entries)) {
      return files
          .filter(path -> path.toString().endsWith(".e"))
          .filter(path -> !path.toString().contains(".trash-"))
          .toList();
    }
  }
}
