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

  /** Released by tests when the computation of {@link #outlivesTtl} may finish. */
  public static volatile CountDownLatch ttlGate = new CountDownLatch(0);

  /** Runs longer than the 20 ms its values live: at least 60 ms, and until the test opens the gate. */
  @Memo(ttl = "20ms")
  public String outlivesTtl(int n) throws InterruptedException {
    Calls.record("outlivesTtl");
    Thread.sleep(60);
    if (!ttlGate.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("ttl gate never opened");
    }
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
