package golden;

import io.memocache.Memo;
import java.util.Map;

public final class Settings {
  @Memo
  public Map<String, String> section(String name) {
    return Map.of();
  }
}
