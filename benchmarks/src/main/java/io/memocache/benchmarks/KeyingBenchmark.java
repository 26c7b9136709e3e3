package io.memocache.benchmarks;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * A hit whose argument is one 8 MB array: keying by content (hash, then a full comparison with
 * the stored key) must run at memory speed. Peers: the JDK's {@code Arrays.hashCode} and hash4j's
 * xxh3 alone, hashing only (no comparison), on the same 8 MB as {@code double[]} and as
 * {@code byte[]}.
 *
 * <p>And a hit whose argument is a collection of 100,000 elements, a {@code List<String>} or a
 * {@code Map<String, Integer>}: keying (snapshot, hash, full comparison with the stored key) must
 * cost at most twice a {@code ConcurrentHashMap.get} keyed by an equal collection (its hashCode
 * plus a full equals), the least a map keyed by content can do.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyingBenchmark {
  static final int BYTES = 8 * 1024 * 1024;
  static final int COLLECTION_SIZE = 100_000;
  private final CachedService memocache = new CachedService_Cached();
  private static final Hasher64 XXH3 = Hashing.xxh3_64();
  private double[] argument;
  private byte[] bytes;
  private List<String> list;
  private Map<String, Integer> map;
  private final ConcurrentHashMap<Object, Integer> byCollection = new ConcurrentHashMap<>();

  @Setup
  public void fill() {
    argument = Data.doubles(BYTES / Double.BYTES, 7);
    bytes = Data.bytes(BYTES, 7);
    Checks.check(memocache.keyedByArray(argument) == argument.length, "double[] key");
    Checks.check(memocache.keyedByBytes(bytes) == bytes.length, "byte[] key");
    list = new ArrayList<>(COLLECTION_SIZE);
    map = new HashMap<>();
    for (int i = 0; i < COLLECTION_SIZE; i++) {
      list.add("element-" + i);
      map.put("key-" + i, i);
    }
    Checks.check(memocache.keyedByList(list) == COLLECTION_SIZE, "List key");
    Checks.check(memocache.keyedByMap(map) == COLLECTION_SIZE, "Map key");
    // The peer's stored keys are equal copies, so a get compares in full as memocache does.
    byCollection.put(new ArrayList<>(list), COLLECTION_SIZE);
    byCollection.put(new HashMap<>(map), COLLECTION_SIZE);
    Checks.check(byCollection.get(list) == COLLECTION_SIZE, "peer List key");
    Checks.check(byCollection.get(map) == COLLECTION_SIZE, "peer Map key");
  }

  @Benchmark
  public int memoList() {
    return memocache.keyedByList(list);
  }

  @Benchmark
  public int concurrentHashMapList() {
    return byCollection.get(list);
  }

  @Benchmark
  public int memoMap() {
    return memocache.keyedByMap(map);
  }

  @Benchmark
  public int concurrentHashMapMap() {
    return byCollection.get(map);
  }

  @Benchmark
  public int memo() {
    return memocache.keyedByArray(argument);
  }

  @Benchmark
  public int arraysHashCode() {
    return Arrays.hashCode(argument);
  }

  @Benchmark
  public long hash4jDoubles() {
    return XXH3.hashStream().putDoubleArray(argument).getAsLong();
  }

  @Benchmark
  public int memoBytes() {
    return memocache.keyedByBytes(bytes);
  }

  @Benchmark
  public int arraysHashCodeBytes() {
    return Arrays.hashCode(bytes);
  }

  @Benchmark
  public long hash4jBytes() {
    return XXH3.hashBytesToLong(bytes);
  }
}
