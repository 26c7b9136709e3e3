package io.memocache.benchmarks;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.DiskStore;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.MemoStores;
import io.memocache.runtime.internal.store.StoredValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A memo-store hit: the in-process tier does not have the key, the entry's file is in the page
 * cache. memocache's {@code @Memo(persist = true)} through its generated code, against Ehcache 3's
 * persistent disk tier (heap tier of one entry, so the same alternation faults from disk), a Java
 * serialization round trip of the same value, and the physical limit of a signed store hit: the
 * entry's file read, an HMAC-SHA256 over it and the value deserialized (also shown apart: the file
 * read and HMAC alone, and the deserialization from memory alone).
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {
  /** page: a List of 1,000 records; records: a List of 100,000 records. */
  @Param({"page", "records"})
  public String shape;

  private final StoreService memocache = new StoreService_Cached();
  private Path directory;
  private DiskStore store;
  private CacheManager ehcacheManager;
  private org.ehcache.Cache<Integer, Serializable> ehcache;
  private List<Data.Row> original;
  private byte[] storedBytes;
  private Path[] entryFiles;
  private Mac mac;
  private int seed = 1;

  @Setup
  public void fill() throws IOException {
    directory = Files.createTempDirectory("memocache-store-benchmark");
    store = DiskStore.open(directory.resolve("memo"));
    MemoStores.use(store);
    call(1);
    call(2);
    long before = storeHits();
    for (int i = 0; i < 4; i++) {
      call(1 + i % 2);
    }
    if (storeHits() - before != 4) {
      throw new IllegalStateException("memocache: not every call was a store hit");
    }
    original = call(1);
    storedBytes = StoredValues.serialize(original);
    try (Stream<Path> files = Files.walk(directory.resolve("memo"))) {
      entryFiles = files.filter(path -> path.toString().endsWith(".e")).toArray(Path[]::new);
    }
    if (entryFiles.length != 2) {
      throw new IllegalStateException("expected the two entries, found " + entryFiles.length);
    }
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }

    ehcacheManager =
        CacheManagerBuilder.newCacheManagerBuilder()
            .with(CacheManagerBuilder.persistence(directory.resolve("ehcache").toFile()))
            .withCache(
                shape,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                    Integer.class,
                    Serializable.class,
                    ResourcePoolsBuilder.newResourcePoolsBuilder()
                        .heap(1, EntryUnit.ENTRIES)
                        .disk(1, MemoryUnit.GB, true)))
            .build(true);
    ehcache = ehcacheManager.getCache(shape, Integer.class, Serializable.class);
    ehcache.put(1, (Serializable) call(1));
    ehcache.put(2, (Serializable) call(2));
    Object first = ehcache.get(1);
    ehcache.get(2);
    if (ehcache.get(1) == first || !first.equals(original)) {
      throw new IllegalStateException("ehcache: the get was not answered from disk");
    }
    report();
  }

  private List<Data.Row> call(int key) {
    return shape.equals("page") ? memocache.page(key) : memocache.records(key);
  }

  private long storeHits() {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.className().equals("StoreService"))
        .mapToLong(CacheStats::storeHits)
        .sum();
  }

  /** Prints the sizes docs/benchmarks.md reports: on disk per entry, serialized, on the heap. */
  private void report() throws IOException {
    long entryBytes;
    try (Stream<Path> files = Files.walk(directory.resolve("memo"))) {
      entryBytes =
          files
              .filter(path -> path.toString().endsWith(".e"))
              .mapToLong(StoreBenchmark::size)
              .max()
              .orElse(-1);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long allocatedBefore = threads.getThreadAllocatedBytes(id);
    Object built = StoreService.rows(original.size(), 1);
    long heapBytes = threads.getThreadAllocatedBytes(id) - allocatedBefore;
    System.out.printf(
        "%n[store sizes] %s: memo store entry %,d bytes on disk (value %,d bytes);"
            + " Java serialization %,d bytes; heap allocated to build the value %,d bytes (%s)%n",
        shape,
        entryBytes,
        storedBytes.length,
        javaSerializedSize(original),
        heapBytes,
        built.getClass().getSimpleName());
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int javaSerializedSize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.size();
  }

  @TearDown
  public void close() throws IOException {
    MemoStores.use(MemoStores.none());
    store.close();
    ehcacheManager.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private int nextSeed() {
    seed = 3 - seed; // 2, 1, 2...: the key asked for is never the one in the in-process tier
    return seed;
  }

  /** memocache: in-process miss, memo-store hit (file read, HMAC check, Kryo read, copy out). */
  @Benchmark
  public Object memocacheStoreHit() {
    return call(nextSeed());
  }

  /** Ehcache 3: heap-tier miss, persistent disk-tier hit (Java deserialization). */
  @Benchmark
  public Object ehcacheDiskHit() {
    return ehcache.get(nextSeed());
  }

  /** A Java serialization round trip of the same value, in memory. */
  @Benchmark
  public Object javaSerializationRoundTrip() {
    return Peers.serializationRoundTrip(original);
  }

  /** memocache's deserialization of the stored bytes, from memory (no file, no authentication). */
  @Benchmark
  public Object deserializeFromMemory() {
    return StoredValues.deserialize(storedBytes, StoreBenchmark.class.getClassLoader());
  }

  /**
   * What reading an authenticated entry costs before any decoding: the entry's file read whole
   * (from the page cache) and an HMAC-SHA256 over its bytes, with the JDK alone.
   */
  @Benchmark
  public byte[] fileReadAndMac() throws IOException {
    return mac.doFinal(Files.readAllBytes(entryFiles[nextSeed() - 1]));
  }

  /**
   * The physical limit of a signed store hit: the file read, its HMAC, and the deserialization of
   * the value from memory; what memocache's store hit adds to it is its own overhead.
   */
  @Benchmark
  public Object limit() throws IOException {
    byte[] file = Files.readAllBytes(entryFiles[nextSeed() - 1]);
    if (mac.doFinal(file).length != 32) {
      throw new IllegalStateException("HMAC-SHA256 is 32 bytes");
    }
    return StoredValues.deserialize(storedBytes, StoreBenchmark.class.getClassLoader());
  }
}
