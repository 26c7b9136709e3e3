package io.memocache.micrometer;

import io.memocache.Memo;

/** Its generated class is loaded only after the binder that would publish it is closed. */
public class LoadedAfterClose {
  @Memo
  public int thrice(int x) {
    return 3 * x;
  }
}
