package io.memocache.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.cache.CacheManager;

/** A miss of a cheap function with a new key on every call: the cost of storing an entry. */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MissBenchmark {
  private final CachedService memocache = new CachedService_Cached();
  private SpringService spring;
  private CacheManager springCaches;
  private long next;

  @Setup
  public void start() {
    spring = Peers.spring(Peers.SpringByReference.class);
  }

  /** Every iteration starts empty, so the caches never grow past one iteration's keys. */
  @Setup(Level.Iteration)
  public void clear() {
    CachedService_Cached.clearAll();
    next = 0;
    spring.miss(-1);
  }

  @Benchmark
  public long memo() {
    return memocache.missMemo(next++);
  }

  @Benchmark
  public Object singleton() {
    return memocache.missSingleton(next++);
  }

  @Benchmark
  public long springCacheable() {
    return spring.miss(next++);
  }
}
