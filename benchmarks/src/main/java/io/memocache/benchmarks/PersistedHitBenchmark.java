package io.memocache.benchmarks;

import io.memocache.Memo;
import io.memocache.runtime.CacheStats;
import io.memocache.runtime.DiskStore;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.MemoStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SPEC 9: a persisted method keeps its in-process entries "with the same hit cost". The in-process
 * hit of a {@code @Memo(persist = true)} method, with a disk store configured, against the plain
 * {@code @Memo} hit and the ConcurrentHashMap baseline, measured exactly as {@link
 * SmallHitBenchmark} measures them: arguments {@code (int, String)}, a small immutable result.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PersistedHitBenchmark {
  /** The same method as {@link CachedService#label}, persisted. */
  public static class PersistedService {
    @Memo(persist = true)
    public String label(int id, String name) {
      return name + id;
    }
  }

  // Above Integer's box cache, as most real ids are.
  private int id = 4242;
  private String name = "user";
  private final PersistedService persisted = new PersistedHitBenchmark_PersistedService_Cached();
  private final CachedService memocache = new CachedService_Cached();
  private final ConcurrentHashMap<SmallHitBenchmark.Key, String> map = new ConcurrentHashMap<>();
  private Path directory;
  private DiskStore store;

  @Setup
  public void fill() throws IOException {
    directory = Files.createTempDirectory("memocache-persisted-hit-benchmark");
    store = DiskStore.open(directory);
    MemoStores.use(store);
    map.put(new SmallHitBenchmark.Key(id, name), name + id);
    Checks.sameInstance(
        "memo hit of an immutable String", memocache.label(id, name), memocache.label(id, name));
    Checks.sameInstance(
        "persisted memo hit of an immutable String",
        persisted.label(id, name),
        persisted.label(id, name));
    CacheStats stats =
        MemoCaches.stats().stream()
            .filter(s -> s.binaryClassName().equals(PersistedService.class.getName()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("persisted label is not registered"));
    if (stats.storeMisses() != 1 || stats.storeHits() != 0 || stats.hits() != 1) {
      throw new IllegalStateException(
          "persisted memo: expected one store miss (the computation), then an in-process hit: "
              + stats);
    }
  }

  @TearDown
  public void close() throws IOException {
    MemoStores.use(MemoStores.none());
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** The in-process hit of a persisted method: the store is not consulted. */
  @Benchmark
  public String persistedMemo() {
    return persisted.label(id, name);
  }

  @Benchmark
  public String memo() {
    return memocache.label(id, name);
  }

  @Benchmark
  public String concurrentHashMap() {
    return map.get(new SmallHitBenchmark.Key(id, name));
  }
}
