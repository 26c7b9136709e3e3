package io.memocache.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memocache.runtime.internal.store.RateLimitedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DiskStoreTest {
  private static final String PRICES = "com.example.Prices#load(java.lang.String)#f1";
  private static final String RATES = "com.example.Rates#load(java.lang.String)#f2";
  private static final byte[] SECRET = "a-test-secret-of-enough-bytes".getBytes(UTF_8);

  @TempDir Path directory;
  private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

  private DiskStore store(long maxBytes) {
    return DiskStore.open(
        directory,
        maxBytes,
        null,
        now::get,
        DiskStore.DEFAULT_TEMP_MAX_AGE,
        RateLimitedLog.perMinute());
  }

  private DiskStore store(byte[] secret) {
    return DiskStore.open(
        directory,
        DiskStore.DEFAULT_MAX_BYTES,
        secret,
        now::get,
        DiskStore.DEFAULT_TEMP_MAX_AGE,
        RateLimitedLog.perMinute());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void get_returnsWhatPutStoredAndMissesOtherKeysAndMethods() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);

    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);

    assertArrayEquals(bytes("1.00"), store.get(PRICES, bytes("EUR")));
    assertNull(store.get(PRICES, bytes("USD")));
    assertNull(store.get(RATES, bytes("EUR")));
    assertEquals(new MemoStoreStats(1, 2, 0, 0), add(store.stats(PRICES), store.stats(RATES)));
  }

  @Test
  void put_replacesTheKeysEntry() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);

    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    store.put(PRICES, bytes("EUR"), bytes("2.00"), null);

    assertArrayEquals(bytes("2.00"), store.get(PRICES, bytes("EUR")));
  }

  @Test
  void get_anotherStoreOnTheDirectoryReadsTheEntryWithTheKeyFile() {
    store(DiskStore.DEFAULT_MAX_BYTES).put(PRICES, bytes("EUR"), bytes("1.00"), null);

    assertArrayEquals(bytes("1.00"), store(DiskStore.DEFAULT_MAX_BYTES).get(PRICES, bytes("EUR")));
  }

  @Test
  void get_entryPastItsTtlIsAMissAndIsRemoved() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), Duration.ofMinutes(10));
    Path file = store.entryFile(PRICES, bytes("EUR"));

    now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
    assertArrayEquals(bytes("1.00"), store.get(PRICES, bytes("EUR")));
    now.addAndGet(1);
    assertNull(store.get(PRICES, bytes("EUR")));

    assertFalse(Files.exists(file));
    assertEquals(new MemoStoreStats(1, 1, 0, 0), store.stats(PRICES));
  }

  @Test
  void put_refusesANonPositiveTtl() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> store.put(PRICES, bytes("EUR"), bytes("1"), Duration.ZERO));
    assertEquals("ttl must be positive or null: PT0S", e.getMessage());
  }

  @Test
  void get_tamperedEntryIsRejectedCountedAndRemoved() throws IOException {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    Path file = store.entryFile(PRICES, bytes("EUR"));
    byte[] content = Files.readAllBytes(file);
    content[content.length - 40] ^= 1; // inside the value

    Files.write(file, content);

    assertNull(store.get(PRICES, bytes("EUR")));
    assertFalse(Files.exists(file));
    assertEquals(new MemoStoreStats(0, 1, 0, 1), store.stats(PRICES));
  }

  @Test
  void get_truncatedEntryIsRejectedCountedAndRemoved() throws IOException {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), new byte[10_000], null);
    Path file = store.entryFile(PRICES, bytes("EUR"));

    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 5_000));

    assertNull(store.get(PRICES, bytes("EUR")));
    assertFalse(Files.exists(file));
    assertEquals(new MemoStoreStats(0, 1, 0, 1), store.stats(PRICES));
  }

  @Test
  void get_entryWrittenUnderAnotherSecretIsRejectedCountedAndRemoved() {
    store(SECRET).put(PRICES, bytes("EUR"), bytes("1.00"), null);
    DiskStore other = store(bytes("another-secret-of-enough-bytes"));

    assertNull(other.get(PRICES, bytes("EUR")));
    assertFalse(Files.exists(other.entryFile(PRICES, bytes("EUR"))));
    assertEquals(new MemoStoreStats(0, 1, 0, 1), other.stats(PRICES));
  }

  @Test
  void get_authenticEntryFiledUnderAnotherKeysNameIsRejected() throws IOException {
    // What a digest collision would produce: a valid entry where another key's entry belongs.
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);

    Files.copy(
        store.entryFile(PRICES, bytes("EUR")),
        store.entryFile(PRICES, bytes("USD")),
        StandardCopyOption.REPLACE_EXISTING);

    assertNull(store.get(PRICES, bytes("USD")));
    assertArrayEquals(bytes("1.00"), store.get(PRICES, bytes("EUR")));
    assertEquals(1, store.stats(PRICES).rejected());
  }

  @Test
  void get_fileLargerThanTheBoundIsRejectedWithoutBeingRead() throws IOException {
    DiskStore store = store(1_000);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    Path file = store.entryFile(PRICES, bytes("EUR"));

    Files.write(file, new byte[1_001]);

    assertNull(store.get(PRICES, bytes("EUR")));
    assertFalse(Files.exists(file));
    assertEquals(1, store.stats(PRICES).rejected());
  }

  @Test
  @Timeout(60)
  void threadsPuttingReadingAndClearingTogetherNeverSeeAWrongValueOrAnError() throws Exception {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        wrong.add(
            pool.submit(
                () -> {
                  int bad = 0;
                  for (int i = 0; i < 300; i++) {
                    byte[] key = bytes("k" + (i / 2 % 10)); // put at even i, read at odd
                    if (thread == 0 && i % 50 == 0) {
                      store.clear(PRICES);
                    } else if (i % 2 == 0) {
                      store.put(PRICES, key, valueFor(key, thread), null);
                    } else {
                      byte[] value = store.get(PRICES, key);
                      if (value != null && !isValueFor(key, value)) {
                        bad++;
                      }
                    }
                  }
                  return bad;
                }));
      }
      for (Future<Integer> bad : wrong) {
        assertEquals(0, bad.get(50, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    MemoStoreStats stats = store.stats(PRICES);
    assertEquals(0, stats.errors(), stats.toString());
    assertEquals(0, stats.rejected(), stats.toString());
    assertTrue(stats.hits() > 0, stats.toString());
  }

  private static byte[] valueFor(byte[] key, int writer) {
    byte[] value = Arrays.copyOf(key, 5_000);
    Arrays.fill(value, key.length, value.length, (byte) writer);
    return value;
  }

  private static boolean isValueFor(byte[] key, byte[] value) {
    return value.length == 5_000
        && Arrays.equals(value, valueFor(key, value[value.length - 1]));
  }

  @Test
  void remove_removesOneEntry() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    store.put(PRICES, bytes("USD"), bytes("1.10"), null);

    store.remove(PRICES, bytes("EUR"));
    store.remove(PRICES, bytes("GBP"));

    assertNull(store.get(PRICES, bytes("EUR")));
    assertArrayEquals(bytes("1.10"), store.get(PRICES, bytes("USD")));
  }

  @Test
  void discard_removesAnEntryTheCallerCouldNotUseAndCountsItRejectedNotHit() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("from old classes"), null);
    store.get(PRICES, bytes("EUR"));

    store.discard(PRICES, bytes("EUR"));

    assertFalse(Files.exists(store.entryFile(PRICES, bytes("EUR"))));
    assertEquals(new MemoStoreStats(0, 1, 0, 1), store.stats(PRICES));
  }

  @Test
  void clear_removesOnlyThatMethodsEntriesAndLeavesNoTrash() throws IOException {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    store.put(RATES, bytes("EUR"), bytes("0.5"), null);

    store.clear(PRICES);
    store.clear("never stored");

    assertNull(store.get(PRICES, bytes("EUR")));
    assertArrayEquals(bytes("0.5"), store.get(RATES, bytes("EUR")));
    assertEquals(List.of(), namesUnder(directory, ".trash-"));
    store.put(PRICES, bytes("EUR"), bytes("3.00"), null);
    assertArrayEquals(bytes("3.00"), store.get(PRICES, bytes("EUR")));
  }

  @Test
  void clearAll_removesEveryMethodsEntriesButKeepsTheKey() throws IOException {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    store.put(RATES, bytes("EUR"), bytes("0.5"), null);
    byte[] key = Files.readAllBytes(directory.resolve(DiskStore.KEY_FILE));

    store.clearAll();

    assertNull(store.get(PRICES, bytes("EUR")));
    assertNull(store.get(RATES, bytes("EUR")));
    assertArrayEquals(key, Files.readAllBytes(directory.resolve(DiskStore.KEY_FILE)));
    assertEquals(List.of(), namesUnder(directory, ".trash-"));
  }

  @Test
  void aRead_recordsRecency_onlyWhenTheEntrysTimeIsOlderThanTheRecencyGranularity()
      throws IOException {
    DiskStore store = store(1 << 20);
    store.put(PRICES, bytes("k"), bytes("v"), null);
    Path file = store.entryFile(PRICES, bytes("k"));
    long base = System.currentTimeMillis() - 100_000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(base));

    now.set(base + DiskStore.RECENCY_MILLIS - 1);
    assertArrayEquals(bytes("v"), store.get(PRICES, bytes("k")));
    assertEquals(base, Files.getLastModifiedTime(file).toMillis(), "recent enough: left alone");

    now.set(base + DiskStore.RECENCY_MILLIS);
    assertArrayEquals(bytes("v"), store.get(PRICES, bytes("k")));
    assertEquals(base + DiskStore.RECENCY_MILLIS, Files.getLastModifiedTime(file).toMillis());
  }

  @Test
  void put_overTheBoundRemovesTheLeastRecentlyReadEntriesFirst() throws IOException {
    int valueSize = 10_000;
    DiskStore store = store(10 * (valueSize + 200));
    long base = System.currentTimeMillis() - 100_000;
    for (int i = 0; i < 10; i++) {
      store.put(PRICES, bytes("k" + i), new byte[valueSize], null);
      Files.setLastModifiedTime(
          store.entryFile(PRICES, bytes("k" + i)), FileTime.fromMillis(base + i * 1_000));
    }
    now.set(base + 50_000);
    assertArrayEquals(new byte[valueSize], store.get(PRICES, bytes("k0"))); // now the most recent

    store.put(PRICES, bytes("k10"), new byte[valueSize], null); // over the bound: sweep

    long total = 0;
    try (Stream<Path> files = Files.walk(directory.resolve(DiskStore.ENTRIES))) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        total += Files.size(file);
      }
    }
    assertTrue(total <= store.maxBytes() * 9 / 10, "total " + total);
    assertArrayEquals(new byte[valueSize], store.get(PRICES, bytes("k0")));
    assertArrayEquals(new byte[valueSize], store.get(PRICES, bytes("k10")));
    assertNull(store.get(PRICES, bytes("k1")));
    assertNull(store.get(PRICES, bytes("k2")));
    assertArrayEquals(new byte[valueSize], store.get(PRICES, bytes("k9")));
  }

  @Test
  void put_entryLargerThanTheBoundIsNotStored() {
    DiskStore store = store(1_000);

    store.put(PRICES, bytes("big"), new byte[2_000], null);

    assertNull(store.get(PRICES, bytes("big")));
    assertEquals(0, store.stats(PRICES).errors());
  }

  @Test
  void sweep_deletesOldTemporaryFilesOfDeadWritersAndKeepsYoungOnes() throws IOException {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    Path methodDirectory = store.entryFile(PRICES, bytes("EUR")).getParent();
    Path old = Files.write(methodDirectory.resolve(".dead.tmp"), new byte[100]);
    Files.setLastModifiedTime(
        old, FileTime.fromMillis(now.get() - DiskStore.DEFAULT_TEMP_MAX_AGE.toMillis() - 1));
    Path young = Files.write(methodDirectory.resolve(".live.tmp"), new byte[100]);
    Files.setLastModifiedTime(young, FileTime.fromMillis(now.get() - 1_000));
    Path trash = Files.createDirectories(directory.resolve(".trash-dead").resolve("x"));

    store.sweep();

    assertFalse(Files.exists(old));
    assertTrue(Files.exists(young));
    assertFalse(Files.exists(trash.getParent()));
    assertArrayEquals(bytes("1.00"), store.get(PRICES, bytes("EUR")));
  }

  @Test
  void filesAreOwnerOnlyAndDirectoriesTheirOwnersAlone() throws IOException {
    assumeTrue(Files.getFileStore(directory).supportsFileAttributeView("posix"));
    Path root = directory.resolve("store");
    DiskStore store =
        DiskStore.open(
            root,
            DiskStore.DEFAULT_MAX_BYTES,
            null,
            now::get,
            DiskStore.DEFAULT_TEMP_MAX_AGE,
            RateLimitedLog.perMinute());

    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);

    try (Stream<Path> paths = Files.walk(root)) {
      Map<Boolean, List<String>> permissions =
          paths.collect(
              Collectors.partitioningBy(
                  Files::isDirectory,
                  Collectors.mapping(
                      p -> {
                        try {
                          return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                        } catch (IOException e) {
                          throw new AssertionError(e);
                        }
                      },
                      Collectors.toList())));
      assertEquals(List.of("rwx------", "rwx------", "rwx------"), permissions.get(true));
      assertEquals(List.of("rw-------", "rw-------", "rw-------"), sorted(permissions.get(false)));
    }
  }

  @Test
  void aFileWhereTheDirectoryShouldBeMakesEveryOperationACountedMissOrNoOp() throws IOException {
    Path blocked = Files.write(directory.resolve("blocked"), new byte[] {1});
    DiskStore store =
        DiskStore.open(
            blocked,
            DiskStore.DEFAULT_MAX_BYTES,
            null,
            now::get,
            DiskStore.DEFAULT_TEMP_MAX_AGE,
            RateLimitedLog.perMinute());

    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    assertNull(store.get(PRICES, bytes("EUR")));
    store.remove(PRICES, bytes("EUR"));
    store.clear(PRICES);
    store.clearAll();

    MemoStoreStats stats = store.stats(PRICES);
    assertEquals(0, stats.hits());
    assertEquals(1, stats.misses());
    assertTrue(stats.errors() >= 2, stats.toString());
  }

  @Test
  void aReadOnlyDirectoryMakesWritesCountedNoOpsAndKeepsReadsWorking() throws IOException {
    assumeTrue(Files.getFileStore(directory).supportsFileAttributeView("posix"));
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);
    Path methodDirectory = store.entryFile(PRICES, bytes("EUR")).getParent();
    Files.setPosixFilePermissions(methodDirectory, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeTrue(!Files.isWritable(methodDirectory), "the user (root?) writes anywhere");

      store.put(PRICES, bytes("USD"), bytes("1.10"), null);

      assertNull(store.get(PRICES, bytes("USD")));
      assertArrayEquals(bytes("1.00"), store.get(PRICES, bytes("EUR")));
      assertEquals(1, store.stats(PRICES).errors());
    } finally {
      Files.setPosixFilePermissions(methodDirectory, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aClosedStoreMissesAndStoresNothing() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    store.put(PRICES, bytes("EUR"), bytes("1.00"), null);

    store.close();
    store.put(PRICES, bytes("USD"), bytes("1.10"), null);

    assertNull(store.get(PRICES, bytes("EUR")));
    assertNull(store(DiskStore.DEFAULT_MAX_BYTES).get(PRICES, bytes("USD")));
  }

  @Test
  void open_refusesANonPositiveBound() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DiskStore.open(directory, 0));
    assertEquals("maxBytes must be positive: 0", e.getMessage());
  }

  @Test
  void batchDefaults_readAndWriteSeveralKeys() {
    DiskStore store = store(DiskStore.DEFAULT_MAX_BYTES);
    byte[] eur = bytes("EUR");
    byte[] usd = bytes("USD");

    store.putAll(PRICES, Map.of(eur, bytes("1.00"), usd, bytes("1.10")), null);

    List<byte[]> values = store.getAll(PRICES, List.of(usd, bytes("GBP"), eur));
    assertArrayEquals(bytes("1.10"), values.get(0));
    assertNull(values.get(1));
    assertArrayEquals(bytes("1.00"), values.get(2));
  }

  private static MemoStoreStats add(MemoStoreStats a, MemoStoreStats b) {
    return new MemoStoreStats(
        a.hits() + b.hits(),
        a.misses() + b.misses(),
        a.errors() + b.errors(),
        a.rejected() + b.rejected());
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().collect(Collectors.toList());
  }

  private static List<String> namesUnder(Path root, String prefix) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix))
          .collect(Collectors.toList());
    }
  }
}
