package com.example.shapes;

import io.memocache.Memo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Computations that outlive their cache's ttl, or share a one-entry bound with other keys. */
public class InFlight {
  /** Released by tests when the computation of key 1 may finish. */
  public static volatile CountDownLatch gate = new CountDownLatch(0);

  /** Counted down when the computation of key 1 has started. */
  public static volatile CountDownLatch started = new CountDownLatch(0);

  /** Takes 300 ms, far longer than the 20 ms its values live. */
  @Memo(ttl = "20ms")
  public String outlivesTtl(int n) throws InterruptedException {
    Calls.record("outlivesTtl");
    Thread.sleep(300);
    return "v" + n;
  }

  /** Key 1 waits for the gate; the others return at once. */
  @Memo(maxEntries = 1)
  public String oneEntry(int n) throws InterruptedException {
    Calls.record("oneEntry" + n);
    if (n == 1) {
      started.countDown();
      if (!gate.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
    }
    return "v" + n;
  }
}
