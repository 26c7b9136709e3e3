package io.memocache.micrometer;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.List;

/** Cached methods of every shape the meters must tell apart. */
public class Prices {
  @Memo
  public long price(String item) {
    if (item.isEmpty()) {
      throw new IllegalArgumentException("no item");
    }
    return item.length() * 100L;
  }

  @Memo
  public long price(String item, int quantity) {
    return price(item) * quantity;
  }

  @Memo(maxEntries = 2)
  public List<String> recent(int day) {
    return List.of("day " + day);
  }

  @Singleton
  public StringBuilder ledger() {
    return new StringBuilder();
  }
}
