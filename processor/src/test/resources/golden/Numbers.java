package golden;

import io.memocache.Memo;

public class Numbers {
  @Memo
  public static long fib(int n) {
    return n < 2 ? n : Numbers_Cached.fib(n - 1) + Numbers_Cached.fib(n - 2);
  }
}
