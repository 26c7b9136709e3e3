package io.memocache.spring.beans;

import io.memocache.Memo;

/** Cached only when created as Plain_Cached. */
public class Plain {
  @Memo
  public int twice(int x) {
    return 2 * x;
  }
}
