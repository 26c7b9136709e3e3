package golden;

import io.memocache.Memo;
import java.util.List;

public class Repo<T extends Number> {
  public Repo(List<T> items) {}

  @Memo
  public List<T> above(T threshold) {
    return List.of(threshold);
  }

  @Memo
  public <R extends Comparable<? super R>> R largest(List<? extends R> candidates) {
    return candidates.get(0);
  }
}
