package com.example.shapes;

import io.memocache.Memo;

/** Only a private constructor: Foo_Cached cannot extend it, so it delegates. */
public class PrivateConstructorService {
  private PrivateConstructorService() {}

  public static PrivateConstructorService create() {
    return new PrivateConstructorService();
  }

  @Memo
  String upper(String text) {
    Calls.record("upper");
    return text.toUpperCase(java.util.Locale.ROOT);
  }
}
