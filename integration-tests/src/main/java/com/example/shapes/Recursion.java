package com.example.shapes;

import io.memocache.Memo;

/** A method that asks for its own key while computing it. */
public class Recursion {
  @Memo
  public int selfish(int n) {
    Calls.record("selfish");
    return selfish(n) + 1;
  }

  @Memo
  public int countdown(int n) {
    Calls.record("countdown");
    return n == 0 ? 0 : countdown(n - 1) + 1;
  }
}
