package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;

/** ttl and maxEntries reach the runtime. */
public class Bounded {
  @Memo(maxEntries = 2)
  public int small(int n) {
    Calls.record("small");
    return n;
  }

  @Singleton(ttl = "50ms")
  public Object shortLived(String name) {
    Calls.record("shortLived");
    return new Object();
  }

  @Memo(ttl = "1h30m", maxEntries = 1000)
  public String longLived(String name) {
    Calls.record("longLived");
    return name;
  }
}
