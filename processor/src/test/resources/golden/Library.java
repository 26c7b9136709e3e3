package golden;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

public class Library {
  public Library() {}

  protected Library(String name, String... aliases) throws IOException {}

  @Memo
  public BigInteger factorial(int n) {
    return n <= 1 ? BigInteger.ONE : BigInteger.valueOf(n).multiply(factorial(n - 1));
  }

  @Memo(ttl = "10m", maxEntries = 1000, persist = true)
  protected List<String> getPage(Object _dataSource, int pageSize, int page) throws IOException {
    return List.of();
  }

  @Singleton
  static Object pool(String url) {
    return new Object();
  }
}
