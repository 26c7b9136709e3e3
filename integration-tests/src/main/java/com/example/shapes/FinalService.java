package com.example.shapes;

import io.memocache.Memo;

/** A final class: Foo_Cached is a delegate wrapping an instance. */
public final class FinalService {
  private final String prefix;

  public FinalService(String prefix) {
    this.prefix = prefix;
  }

  @Memo
  public String describe(int id) {
    Calls.record("describe");
    return prefix + id;
  }

  @Memo
  static int twice(int x) {
    Calls.record("twice");
    return 2 * x;
  }
}
