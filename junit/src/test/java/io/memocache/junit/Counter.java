package io.memocache.junit;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how often its cached methods really run. */
public class Counter {
  static final AtomicInteger COMPUTATIONS = new AtomicInteger();

  @Memo
  public int square(int x) {
    COMPUTATIONS.incrementAndGet();
    return x * x;
  }

  @Singleton
  public Object connection() {
    return new Object();
  }
}
