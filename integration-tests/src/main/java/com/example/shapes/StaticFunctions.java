package com.example.shapes;

import io.memocache.Memo;

/** Static methods only: Foo_Cached holds public static caching versions. */
public class StaticFunctions {
  @Memo
  static long fib(int n) {
    Calls.record("staticFib");
    return n < 2 ? n : StaticFunctions_Cached.fib(n - 1) + StaticFunctions_Cached.fib(n - 2);
  }

  @Memo
  public static String greet(String name) {
    Calls.record("greet");
    return "hello " + name;
  }
}
