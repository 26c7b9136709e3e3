package io.memocache.benchmarks;

import java.util.Arrays;
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

/** A hit whose argument is one 8 MB double[]: keying by content must run at memory speed. */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyingBenchmark {
  static final int BYTES = 8 * 1024 * 1024;
  private final CachedService memocache = new CachedService_Cached();
  private double[] argument;

  @Setup
  public void fill() {
    argument = Data.doubles(BYTES / Double.BYTES, 7);
    memocache.keyedByArray(argument);
  }

  @Benchmark
  public int memo() {
    return memocache.keyedByArray(argument);
  }

  @Benchmark
  public int arraysHashCode() {
    return Arrays.hashCode(argument);
  }
}
