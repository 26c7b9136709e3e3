package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** SPEC section 12: refreshAfter on @Memo and @Singleton. */
public class Refreshing {
  /** Each computation's number, so a test tells the first value from a refreshed one. */
  public static final AtomicInteger VERSION = new AtomicInteger();

  /** When set, computations after the first wait for it (so a test can clear meanwhile). */
  public static volatile CountDownLatch gate = new CountDownLatch(0);

  /** Counted down when a computation has started. */
  public static volatile CountDownLatch started = new CountDownLatch(0);

  /** When true, computations throw. */
  public static volatile boolean failing;

  /** Counted down each time {@link #close} releases a value. */
  public static final AtomicInteger RELEASED = new AtomicInteger();

  private static int compute(String what) throws InterruptedException {
    Calls.record(what);
    started.countDown();
    if (!gate.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate never opened");
    }
    if (failing) {
      throw new IllegalStateException("refresh failed on purpose");
    }
    return VERSION.incrementAndGet();
  }

  @Memo(refreshAfter = "100ms")
  public List<Integer> versions(String name) throws InterruptedException {
    List<Integer> versions = new ArrayList<>();
    versions.add(compute("versions"));
    return versions;
  }

  @Singleton(refreshAfter = "100ms", ttl = "1h", onRelease = "close")
  public static int[] instance(String name) throws InterruptedException {
    return new int[] {compute("instance")};
  }

  static void close(int[] instance) {
    RELEASED.incrementAndGet();
  }

  /** {@link #versions} for lambdas that cannot throw. */
  public List<Integer> versionsNoThrow(String name) {
    try {
      return versions(name);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #instance} for lambdas that cannot throw; calls through the generated class. */
  public static int[] instanceNoThrow(String name) {
    try {
      return Refreshing_Cached.instance(name);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
