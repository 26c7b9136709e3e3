package io.memocache.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

/**
 * A hit with small arguments {@code (int, String)} and a small immutable result: the cost of the
 * cache itself. The baseline is a ConcurrentHashMap lookup with a record key.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmallHitBenchmark {
  /** The key a hand-written cache would use. */
  record Key(int id, String name) {}

  // Above Integer's box cache, as most real ids are.
  private int id = 4242;
  private String name = "user";
  private final CachedService memocache = new CachedService_Cached();
  private final ConcurrentHashMap<Key, String> map = new ConcurrentHashMap<>();
  private final Cache<Key, String> caffeine = Caffeine.newBuilder().build();
  private SpringService spring;

  @Setup
  public void fill() {
    spring = Peers.spring(Peers.SpringByReference.class);
    map.put(new Key(id, name), name + id);
    caffeine.put(new Key(id, name), name + id);
    Checks.sameInstance(
        "memo hit of an immutable String", memocache.label(id, name), memocache.label(id, name));
    Checks.sameInstance(
        "singleton hit", memocache.sharedLabel(id, name), memocache.sharedLabel(id, name));
    Checks.sameInstance("spring hit", spring.label(id, name), spring.label(id, name));
  }

  @Benchmark
  public String memo() {
    return memocache.label(id, name);
  }

  @Benchmark
  public String singleton() {
    return memocache.sharedLabel(id, name);
  }

  @Benchmark
  public String concurrentHashMap() {
    return map.get(new Key(id, name));
  }

  @Benchmark
  public String caffeine() {
    return caffeine.getIfPresent(new Key(id, name));
  }

  @Benchmark
  public String springCacheable() {
    return spring.label(id, name);
  }
}
