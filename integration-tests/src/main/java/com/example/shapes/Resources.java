package com.example.shapes;

import io.memocache.Singleton;

/** Values a test can watch being released after a clear, an expiry or an eviction. */
public class Resources {
  /** A value with identity, so a weak reference can watch it. */
  public static final class Handle {
    public final String name;

    Handle(String name) {
      this.name = name;
    }
  }

  @Singleton
  public Handle cleared(String name) {
    return new Handle(name);
  }

  @Singleton(ttl = "30ms")
  public Handle expiring(String name) {
    return new Handle(name);
  }

  @Singleton(maxEntries = 1)
  public Handle evicted(String name) {
    return new Handle(name);
  }
}
