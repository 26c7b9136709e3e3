package com.example.shapes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how often each original method body runs, so tests can tell hits from misses. */
public final class Calls {
  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

  private Calls() {}

  /** Records one run of the named method body. */
  public static void record(String method) {
    COUNTS.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
  }

  /** Returns how often the named method body ran since the last reset. */
  public static int count(String method) {
    AtomicInteger count = COUNTS.get(method);
    return count == null ? 0 : count.get();
  }

  /** Forgets every count. */
  public static void reset() {
    COUNTS.clear();
  }
}
