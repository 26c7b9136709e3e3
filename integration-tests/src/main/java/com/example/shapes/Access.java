package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;

/** Public, protected and package-private methods keep their access; static and instance mix. */
public class Access {
  @Memo
  public String open(int x) {
    Calls.record("open");
    return "open" + x;
  }

  @Memo
  protected String guarded(int x) {
    Calls.record("guarded");
    return "guarded" + x;
  }

  @Memo
  String local(int x) {
    Calls.record("local");
    return "local" + x;
  }

  @Singleton
  static StringBuilder shared(String name) {
    Calls.record("shared");
    return new StringBuilder(name);
  }

  /** Calls the protected method from inside the class, through this. */
  public String callGuarded(int x) {
    return guarded(x);
  }
}
