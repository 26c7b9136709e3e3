package io.memocache.micrometer;

import io.memocache.Memo;

/** Its generated class is loaded only by the test that binds before using it. */
public class LoadedLater {
  @Memo
  public int twice(int x) {
    return 2 * x;
  }
}
