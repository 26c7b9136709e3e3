package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Computations that wait for a signal, so tests can overlap callers and clears. */
public class Slow {
  /** Released by tests when the computation may finish. */
  public static volatile CountDownLatch gate = new CountDownLatch(0);

  /** Counted down when a computation has started. */
  public static volatile CountDownLatch started = new CountDownLatch(0);

  @Memo
  public String compute(int n) throws InterruptedException {
    Calls.record("slowCompute");
    started.countDown();
    if (!gate.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate never opened");
    }
    return "v" + n + "#" + Calls.count("slowCompute");
  }

  @Singleton
  public Object resource(String name) throws InterruptedException {
    Calls.record("slowResource");
    started.countDown();
    if (!gate.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate never opened");
    }
    return new Object();
  }
}
