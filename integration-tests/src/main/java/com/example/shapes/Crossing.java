package com.example.shapes;

import io.memocache.Memo;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Two methods whose computations, on two threads, each wait for the other's key. */
public class Crossing {
  /** Both computations meet here before calling across, so the cycle always forms. */
  public static volatile CyclicBarrier bothStarted = new CyclicBarrier(2);

  @Memo
  public int left(int n) throws Exception {
    bothStarted.await(10, TimeUnit.SECONDS);
    return right(n) + 1;
  }

  @Memo
  public int right(int n) throws Exception {
    bothStarted.await(10, TimeUnit.SECONDS);
    return left(n) + 1;
  }
}
