package com.example.shapes;

import io.memocache.Memo;

/** Static nested classes at any depth: Outer.Middle.Inner gives Outer_Middle_Inner_Cached. */
public class Outer {
  /** A nested class one level down. */
  public static class Middle {
    @Memo
    public int square(int x) {
      Calls.record("square");
      return x * x;
    }

    /** A nested class two levels down. */
    public static class Inner {
      @Memo
      public int cube(int x) {
        Calls.record("cube");
        return x * x * x;
      }
    }
  }
}
