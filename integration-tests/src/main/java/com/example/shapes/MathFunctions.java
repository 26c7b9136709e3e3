package com.example.shapes;

import io.memocache.Memo;
import java.math.BigInteger;

/** Instance methods of a plain class: Foo_Cached extends it, and recursion through this hits. */
public class MathFunctions {
  @Memo
  public BigInteger factorial(int n) {
    Calls.record("factorial");
    return n <= 1 ? BigInteger.ONE : BigInteger.valueOf(n).multiply(factorial(n - 1));
  }

  @Memo
  public long fib(int n) {
    Calls.record("fib");
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }
}
