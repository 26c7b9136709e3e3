package io.memocache.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Threads;

/** Small hits from one and from two threads: the hit path takes no lock, so throughput scales. */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThreadsBenchmark {
  private int id = 4242;
  private String name = "user";
  private final CachedService memocache = new CachedService_Cached();
  private final ConcurrentHashMap<SmallHitBenchmark.Key, String> map = new ConcurrentHashMap<>();

  @Setup
  public void fill() {
    map.put(new SmallHitBenchmark.Key(id, name), name + id);
    memocache.label(id, name);
    memocache.sharedLabel(id, name);
  }

  @Benchmark
  @Threads(1)
  public String memo_1thread() {
    return memocache.label(id, name);
  }

  @Benchmark
  @Threads(2)
  public String memo_2threads() {
    return memocache.label(id, name);
  }

  @Benchmark
  @Threads(1)
  public String singleton_1thread() {
    return memocache.sharedLabel(id, name);
  }

  @Benchmark
  @Threads(2)
  public String singleton_2threads() {
    return memocache.sharedLabel(id, name);
  }

  @Benchmark
  @Threads(1)
  public String concurrentHashMap_1thread() {
    return map.get(new SmallHitBenchmark.Key(id, name));
  }

  @Benchmark
  @Threads(2)
  public String concurrentHashMap_2threads() {
    return map.get(new SmallHitBenchmark.Key(id, name));
  }
}
