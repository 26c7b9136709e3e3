package com.example.shapes;

import io.memocache.Memo;

/** A memoized recursion deep enough to overflow any small thread stack. */
public class Deep {
  /** The key where the recursion stops. */
  public static final int TOP = 200_000;

  /** Returns how many steps lie between n and {@link #TOP}, recursing once per step. */
  @Memo
  public long stepsToTop(int n) {
    return n >= TOP ? 0 : stepsToTop(n + 1) + 1;
  }
}
