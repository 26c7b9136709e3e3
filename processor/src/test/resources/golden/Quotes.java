package golden;

import io.memocache.Memo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

public class Quotes {
  @Memo(ttl = "5m")
  public CompletableFuture<List<String>> quotes(String symbol) {
    return CompletableFuture.completedFuture(List.of(symbol));
  }

  @Memo(persist = true)
  public static CompletionStage<String> name(String symbol) {
    return CompletableFuture.completedFuture(symbol);
  }

  @Memo(refreshAfter = "1m", ttl = "10m")
  public List<Double> rates(String currency) {
    return List.of();
  }
}
