package com.example.persisted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shapes.Calls;
import io.memocache.runtime.CacheStats;
import io.memocache.runtime.DiskStore;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStoreStats;
import io.memocache.runtime.MemoStores;
import io.memocache.runtime.internal.store.MethodFingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 9 within one JVM: clears, ttl and the statistics reach the memo store, and a store
 * that cannot work never fails a call. Entries found again by other JVMs are {@link
 * PersistenceProcessesTest}'s.
 */
@Timeout(60)
class PersistenceTest {
  @TempDir Path directory;
  private DiskStore store;

  @BeforeEach
  void useAFreshStore() {
    store = DiskStore.open(directory);
    MemoStores.use(store);
    Reports_Cached.clearAll();
    Calls.reset();
  }

  @AfterEach
  void leaveNoStore() {
    Reports_Cached.clearAll();
    MemoStores.use(MemoStores.none());
    store.close();
  }

  private static CacheStats stats(String method) {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.binaryClassName().equals(Reports.class.getName()))
        .filter(stats -> stats.methodName().equals(method))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aComputedValueIsWrittenToTheStore_andTheHitPathStaysInProcess() throws Exception {
    Reports reports = new Reports_Cached();
    long hitsBefore = stats("page").hits();

    Reports.Page first = reports.page(10, 3);
    Reports.Page again = reports.page(10, 3);

    assertEquals(first, again);
    assertEquals(1, Calls.count("page"));
    CacheStats stats = stats("page");
    assertEquals(1, stats.hits() - hitsBefore, "the second call is an in-process hit");
    assertEquals(0, stats.storeHits());
    assertEquals(1, stats.storeMisses(), "only the miss looked in the store");
    assertEquals(1, entryFiles().size());
  }

  @Test
  void clearX_removesTheMethodsEntriesFromTheStore() throws Exception {
    Reports reports = new Reports_Cached();
    reports.page(10, 1);
    reports.page(10, 2);
    Reports_Cached.squares(4);

    Reports_Cached.clearPage();

    assertEquals(1, entryFiles().size(), "squares keeps its entry");
    reports.page(10, 1);
    assertEquals(3, Calls.count("page"), "recomputed: neither tier had it");
    assertEquals(0, stats("page").storeHits());
  }

  @Test
  void clearXWithArguments_removesThatEntryFromTheStoreOnly() throws Exception {
    Reports reports = new Reports_Cached();
    reports.page(10, 1);
    reports.page(10, 2);

    Reports_Cached.clearPage(10, 1);

    assertEquals(1, entryFiles().size());
    reports.page(10, 1);
    assertEquals(3, Calls.count("page"));
    assertEquals(0, stats("page").storeHits());
  }

  @Test
  void clearAll_ofTheClass_andMemoCachesClearAll_reachTheStore() throws Exception {
    Reports reports = new Reports_Cached();
    reports.page(10, 1);
    Reports_Cached.squares(4);
    Reports_Cached.clearAll();
    assertEquals(List.of(), entryFiles());

    reports.page(10, 1);
    Reports_Cached.squares(4);
    assertEquals(2, entryFiles().size());
    MemoCaches.clearAll();
    assertEquals(List.of(), entryFiles());

    reports.page(10, 1);
    Reports_Cached.squares(4);
    assertEquals(3, Calls.count("page"));
    assertEquals(3, Calls.count("squares"));
  }

  @Test
  void ttl_holdsInTheStoreToo() throws Exception {
    assertEquals("fresh a", Reports_Cached.shortLived("a"));
    assertEquals(1, entryFiles().size());

    Thread.sleep(1_300); // past the 1 s ttl: the in-process entry and the stored one expired

    assertEquals("fresh a", Reports_Cached.shortLived("a"));
    assertEquals(2, Calls.count("shortLived"), "an expired stored entry is a miss");
    assertEquals(0, stats("shortLived").storeHits());
  }

  @Test
  void nullResultsAndMutableResultsAreStoredAndCopiedAsInProcess() {
    assertNull(Reports_Cached.nothing("x"));
    assertNull(Reports_Cached.nothing("x"));
    List<Integer> first = Reports_Cached.squares(3);
    first.add(99);
    List<Integer> second = Reports_Cached.squares(3);

    assertEquals(List.of(0, 1, 4), second);
    assertNotSame(first, second);
    assertEquals(1, Calls.count("nothing"));
    assertEquals(1, Calls.count("squares"));
  }

  @Test
  void anUnusableDirectoryNeverFailsACall() throws Exception {
    Path file = Files.writeString(directory.resolve("a-file"), "in the way");
    MemoStores.use(DiskStore.open(file.resolve("store")));
    Reports reports = new Reports_Cached();

    assertEquals(List.of("row 10", "row 11"), reports.page(2, 5).rows());
    assertEquals(List.of("row 10", "row 11"), reports.page(2, 5).rows());
    Reports_Cached.clearPage();
    Reports_Cached.clearPage(2, 5);

    assertEquals(1, Calls.count("page"), "the in-process tier works as a plain memo");
    assertTrue(stats("page").storeErrors() > 0, "the failures are counted");
  }

  @Test
  void aStoreThatThrowsFromEveryMethodNeverFailsACall() {
    MemoStores.use(new ThrowingStore());

    assertEquals(List.of(0, 1), Reports_Cached.squares(2));
    assertEquals(List.of(0, 1), Reports_Cached.squares(2));
    Reports_Cached.clearSquares(2);
    assertEquals(List.of(0, 1), Reports_Cached.squares(2));
    Reports_Cached.clearSquares();

    assertEquals(2, Calls.count("squares"));
    CacheStats stats = stats("squares");
    assertTrue(stats.storeErrors() >= 4, "two reads, a remove, a clear: " + stats);
  }

  @Test
  void aCallWhoseStoreReadFailed_doesNotWaitForTheStoreAgainToWrite() {
    ReadFailingStore failing = new ReadFailingStore(store);
    MemoStores.use(failing);
    long errorsBefore = stats("squares").storeErrors();

    assertEquals(List.of(0, 1), Reports_Cached.squares(2));

    assertEquals(1, Calls.count("squares"));
    assertEquals(0, failing.puts, "a store that just failed (or timed out) is not written to");
    assertEquals(1, stats("squares").storeErrors() - errorsBefore);
  }

  @Test
  void theMethodIdNamesTheMethodAndTheFingerprintOfItsCode() {
    RecordingStore recording = new RecordingStore(store);
    MemoStores.use(recording);

    Reports_Cached.squares(2);
    Reports_Cached.summary(Map.of("a", 1), Set.of("t"));

    String squares = "(I)Ljava/util/List;";
    String fingerprint = MethodFingerprint.of(Reports.class, "squares", squares);
    assertTrue(MethodFingerprint.fromCode(fingerprint), fingerprint);
    String summary = "(Ljava/util/Map;Ljava/util/Set;)Ljava/lang/String;";
    assertEquals(
        List.of(
            "com.example.persisted.Reports.squares" + squares + "#" + fingerprint,
            "com.example.persisted.Reports.summary"
                + summary
                + "#"
                + MethodFingerprint.of(Reports.class, "summary", summary)),
        List.copyOf(recording.order));
    assertNotEquals(fingerprint, MethodFingerprint.of(Reports.class, "summary", summary));
  }

  @Test
  void noneActsAsAPlainMemo() {
    MemoStores.use(MemoStores.none());

    Reports_Cached.squares(5);
    Reports_Cached.squares(5);

    assertEquals(1, Calls.count("squares"));
    assertEquals(0, stats("squares").storeMisses(), "no store, no store statistics");
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

  /** Passes every call on, recording the method ids in the order first seen. */
  private static final class RecordingStore implements MemoStore {
    final Set<String> methodIds = ConcurrentHashMap.newKeySet();
    final List<String> order = new ArrayList<>();
    private final MemoStore delegate;

    RecordingStore(MemoStore delegate) {
      this.delegate = delegate;
    }

    private String seen(String methodId) {
      synchronized (order) {
        if (methodIds.add(methodId)) {
          order.add(methodId);
        }
      }
      return methodId;
    }

    @Override
    public byte[] get(String methodId, byte[] key) {
      return delegate.get(seen(methodId), key);
    }

    @Override
    public void put(String methodId, byte[] key, byte[] value, Duration ttl) {
      delegate.put(seen(methodId), key, value, ttl);
    }

    @Override
    public void remove(String methodId, byte[] key) {
      delegate.remove(seen(methodId), key);
    }

    @Override
    public void clear(String methodId) {
      delegate.clear(seen(methodId));
    }

    @Override
    public void clearAll() {
      delegate.clearAll();
    }

    @Override
    public MemoStoreStats stats(String methodId) {
      return delegate.stats(methodId);
    }

    @Override
    public void close() {}
  }

  /** A store whose reads fail, as a store that times out does; it counts the writes it gets. */
  private static final class ReadFailingStore implements MemoStore {
    private final MemoStore delegate;
    volatile int puts;

    ReadFailingStore(MemoStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] get(String methodId, byte[] key) {
      throw new IllegalStateException("read timed out");
    }

    @Override
    public void put(String methodId, byte[] key, byte[] value, Duration ttl) {
      puts++;
      delegate.put(methodId, key, value, ttl);
    }

    @Override
    public void remove(String methodId, byte[] key) {
      delegate.remove(methodId, key);
    }

    @Override
    public void clear(String methodId) {
      delegate.clear(methodId);
    }

    @Override
    public void clearAll() {
      delegate.clearAll();
    }

    @Override
    public void close() {}
  }

  /** A third-party store that breaks the contract: every operation throws. */
  private static final class ThrowingStore implements MemoStore {
    @Override
    public byte[] get(String methodId, byte[] key) {
      throw new IllegalStateException("get");
    }

    @Override
    public void put(String methodId, byte[] key, byte[] value, Duration ttl) {
      throw new IllegalStateException("put");
    }

    @Override
    public void remove(String methodId, byte[] key) {
      throw new IllegalStateException("remove");
    }

    @Override
    public void clear(String methodId) {
      throw new IllegalStateException("clear");
    }

    @Override
    public void clearAll() {
      throw new IllegalStateException("clearAll");
    }

    @Override
    public Lease lease(String methodId, byte[] key) {
      throw new IllegalStateException("lease");
    }

    @Override
    public MemoStoreStats stats(String methodId) {
      throw new IllegalStateException("stats");
    }

    @Override
    public void close() {}
  }
}
