package com.example.shapes;

import io.memocache.Memo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A computation that waits for a gate, so that callers of its key pile up waiting for it. */
public class Gated {
  public static volatile CountDownLatch gate = new CountDownLatch(0);

  @Memo
  public int value(int n) throws InterruptedException {
    Calls.record("gated");
    if (!gate.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate never opened");
    }
    return n * 2;
  }
}
