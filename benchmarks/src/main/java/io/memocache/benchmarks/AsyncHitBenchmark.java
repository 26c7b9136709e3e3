package io.memocache.benchmarks;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A hit of a method returning a completed {@code CompletableFuture} (SPEC 11), and of a singleton
 * with and without {@code validate} (SPEC 12). The baseline for a memo is what a hand-written
 * cache of futures does on a hit: a ConcurrentHashMap lookup, the same copy of the value, and
 * {@code CompletableFuture.completedFuture}. Target (issue #17): a completed-future hit within 2x
 * of the lookup plus the copy.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AsyncHitBenchmark {
  /** The cached methods measured here. */
  public static class Service {
    /** How often {@link #isOpen} ran, so setup can show that validate is on the hit path. */
    static final AtomicInteger VALIDATIONS = new AtomicInteger();

    /** A small mutable value: each caller needs its own copy. */
    @Memo
    public CompletableFuture<Data.Bean> bean(int id) {
      return CompletableFuture.completedFuture(new Data.Bean(id, "bean" + id, id * 0.5));
    }

    /** The same value returned directly: what the copy costs without a future. */
    @Memo
    public Data.Bean beanNow(int id) {
      return new Data.Bean(id, "bean" + id, id * 0.5);
    }

    /** An immutable value: never copied. */
    @Memo
    public CompletableFuture<String> label(int id) {
      return CompletableFuture.completedFuture("label" + id);
    }

    @Singleton
    public Data.Bean shared(int id) {
      return new Data.Bean(id, "shared" + id, id * 0.5);
    }

    @Singleton(validate = "isOpen")
    public Data.Bean validated(int id) {
      return new Data.Bean(id, "validated" + id, id * 0.5);
    }

    boolean isOpen(Data.Bean bean) {
      VALIDATIONS.incrementAndGet();
      return bean.id >= 0;
    }
  }

  // Above Integer's box cache, as most real ids are.
  private int id = 4242;
  private final Service memocache = new AsyncHitBenchmark_Service_Cached();
  private final ConcurrentHashMap<Integer, Data.Bean> beans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, String> labels = new ConcurrentHashMap<>();

  @Setup
  public void fill() throws Exception {
    beans.put(id, new Data.Bean(id, "bean" + id, id * 0.5));
    labels.put(id, "label" + id);

    CompletableFuture<Data.Bean> first = memocache.bean(id);
    CompletableFuture<Data.Bean> second = memocache.bean(id);
    Checks.check(first.isDone() && second.isDone(), "a completed-future memo hit");
    Checks.independentCopies("async memo hit of a mutable bean", first.get(), second.get());
    Checks.independentCopies("the baseline's copy", beans.get(id), baselineBean().get());
    Checks.check(first.get().equals(baselineBean().get()), "the baseline");
    Checks.check(first != second, "each caller's own future");

    Checks.independentCopies("sync memo hit of a mutable bean", memocache.beanNow(id), first.get());

    CompletableFuture<String> label = memocache.label(id);
    Checks.check(label.isDone(), "a completed-future memo hit of a String");
    Checks.sameInstance(
        "async memo hit of an immutable String", label.get(), memocache.label(id).get());

    Checks.sameInstance("singleton hit", memocache.shared(id), memocache.shared(id));
    Checks.sameInstance(
        "validated singleton hit", memocache.validated(id), memocache.validated(id));
    int before = Service.VALIDATIONS.get();
    memocache.validated(id);
    Checks.check(Service.VALIDATIONS.get() == before + 1, "validate on the hit path");
  }

  @Benchmark
  public CompletableFuture<Data.Bean> memoBean() {
    return memocache.bean(id);
  }

  @Benchmark
  public Data.Bean memoBeanWithoutFuture() {
    return memocache.beanNow(id);
  }

  @Benchmark
  public CompletableFuture<Data.Bean> baselineBean() {
    return CompletableFuture.completedFuture(beans.get(id).copy());
  }

  @Benchmark
  public CompletableFuture<String> memoString() {
    return memocache.label(id);
  }

  @Benchmark
  public CompletableFuture<String> baselineString() {
    return CompletableFuture.completedFuture(labels.get(id));
  }

  @Benchmark
  public Data.Bean singleton() {
    return memocache.shared(id);
  }

  @Benchmark
  public Data.Bean singletonValidated() {
    return memocache.validated(id);
  }
}
