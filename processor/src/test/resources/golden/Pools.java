package golden;

import io.memocache.Singleton;
import java.io.Closeable;
import java.io.IOException;

public class Pools {
  public static class Pool implements Closeable {
    boolean open = true;

    @Override
    public void close() {
      open = false;
    }
  }

  @Singleton(validate = "isOpen", onRelease = "shutdown", maxEntries = 8)
  public Pool pool(String url) throws IOException {
    return new Pool();
  }

  @Singleton(validate = "isUsable", onRelease = "release", refreshAfter = "30s")
  static Pool shared(String url) {
    return new Pool();
  }

  boolean isOpen(Pool pool) {
    return pool.open;
  }

  void shutdown(Pool pool) {
    pool.close();
  }

  static boolean isUsable(Pool pool) {
    return pool.open;
  }

  static void release(Pool pool) {
    pool.close();
  }
}
