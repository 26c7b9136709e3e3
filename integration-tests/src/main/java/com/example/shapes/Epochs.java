package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Values that encode their key and the epoch they were computed in, for stress tests. */
public class Epochs {
  /** Advanced by a test before each clear. */
  public static final AtomicInteger EPOCH = new AtomicInteger();

  /** How many computations ran per "key@epoch". */
  public static final Map<String, AtomicInteger> COMPUTED = new ConcurrentHashMap<>();

  /** A mutable value: the key, the epoch, and a list callers may scribble on. */
  public static final class Value {
    public final int key;
    public final int epoch;
    public final List<String> notes = new ArrayList<>();

    Value(int key, int epoch) {
      this.key = key;
      this.epoch = epoch;
    }
  }

  private static Value compute(String kind, int key) {
    int epoch = EPOCH.get();
    COMPUTED.computeIfAbsent(kind + key + "@" + epoch, k -> new AtomicInteger()).incrementAndGet();
    Thread.yield();
    return new Value(key, epoch);
  }

  @Memo
  public Value memo(int key) {
    return compute("memo", key);
  }

  @Singleton
  public Value singleton(int key) {
    return compute("singleton", key);
  }

  @Memo(maxEntries = 4, ttl = "20ms")
  public Value churn(int key) {
    return compute("churn", key);
  }
}
