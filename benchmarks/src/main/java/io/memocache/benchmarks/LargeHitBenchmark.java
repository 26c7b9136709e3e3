package io.memocache.benchmarks;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A by-value hit on a large result: every caller gets its own copy. The lower bound is the
 * cheapest correct copy written by hand; the peers are the store-by-value caches.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LargeHitBenchmark {
  /** doubles: double[1_000_000]; rows: 100,000 records; table: 10 x 100,000 doubles; beans. */
  @Param({"doubles", "rows", "table", "beans"})
  public String shape;

  private static final int SEED = 1;
  private final CachedService memocache = new CachedService_Cached();
  private SpringService spring;
  private javax.cache.Cache<Integer, Object> jcache;
  private org.ehcache.Cache<Integer, Serializable> ehcache;
  private Object original;
  private UnaryOperator<Object> plainCopy;

  @Setup
  @SuppressWarnings("unchecked")
  public void fill() {
    spring = Peers.spring(Peers.SpringByValue.class);
    jcache = Peers.jcacheByValue(shape);
    ehcache = Peers.ehcacheByValue(shape);
    original = memocacheHit();
    plainCopy =
        switch (shape) {
          case "doubles" -> value -> ((double[]) value).clone();
          case "rows" -> value -> Data.copyRows((List<Data.Row>) value);
          case "table" -> value -> Data.copyTable((Map<String, double[]>) value);
          case "beans" -> value -> Data.copyBeans((List<Data.Bean>) value);
          default -> throw new IllegalArgumentException("unknown shape: " + shape);
        };
    jcache.put(SEED, original);
    ehcache.put(SEED, (Serializable) original);
    Checks.independentCopies("memocache " + shape, memocacheHit(), memocacheHit());
    Checks.independentCopies("plain copy " + shape, original, plainCopy());
    Checks.independentCopies("spring by value " + shape, springHit(), springHit());
    Checks.independentCopies("jcache by value " + shape, jcache.get(SEED), jcache.get(SEED));
    Checks.independentCopies("ehcache by value " + shape, ehcache.get(SEED), ehcache.get(SEED));
  }

  private Object memocacheHit() {
    return switch (shape) {
      case "doubles" -> memocache.doubles(SEED);
      case "rows" -> memocache.rows(SEED);
      case "table" -> memocache.table(SEED);
      default -> memocache.beans(SEED);
    };
  }

  private Object springHit() {
    return switch (shape) {
      case "doubles" -> spring.doubles(SEED);
      case "rows" -> spring.rows(SEED);
      case "table" -> spring.table(SEED);
      default -> spring.beans(SEED);
    };
  }

  @Benchmark
  public Object memo() {
    return memocacheHit();
  }

  @Benchmark
  public Object plainCopy() {
    return plainCopy.apply(original);
  }

  @Benchmark
  public Object springCacheableByValue() {
    return springHit();
  }

  @Benchmark
  public Object jcacheByValue() {
    return jcache.get(SEED);
  }

  @Benchmark
  public Object ehcacheByValue() {
    return ehcache.get(SEED);
  }

  @Benchmark
  public Object javaSerialization() {
    return Peers.serializationRoundTrip(original);
  }
}
