package com.example.shapes;

import io.memocache.Memo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A result whose copy fails with an Error: the no-argument constructor copies run throws one. */
public class Fragile {
  /** Thrown by the next copies of a {@link Bean}, or null when copies succeed. */
  public static volatile Error copyError;

  /** Released by tests when the computation may finish. */
  public static volatile CountDownLatch gate = new CountDownLatch(0);

  /** Counted down when a computation has started. */
  public static volatile CountDownLatch started = new CountDownLatch(0);

  /** A mutable bean: copies are made through its no-argument constructor. */
  public static final class Bean {
    private String label;

    /** The constructor copies use; throws {@link #copyError} when a test has set one. */
    public Bean() {
      Error error = copyError;
      if (error != null) {
        throw error;
      }
    }

    Bean(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  @Memo
  public Bean bean(String label) throws InterruptedException {
    Calls.record("bean");
    started.countDown();
    if (!gate.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate never opened");
    }
    return new Bean(label);
  }
}
