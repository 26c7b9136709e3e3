package com.example.shapes;

import io.memocache.Memo;
import java.util.ArrayList;
import java.util.List;

/** A generic class: Repo_Cached<T extends Number> extends Repo<T>. */
public class Repo<T extends Number> {
  private final List<T> items;

  public Repo(List<T> items) {
    this.items = new ArrayList<>(items);
  }

  @Memo
  public List<T> above(T threshold) {
    Calls.record("above");
    List<T> result = new ArrayList<>();
    for (T item : items) {
      if (item.doubleValue() > threshold.doubleValue()) {
        result.add(item);
      }
    }
    return result;
  }

  @Memo
  public <R extends Comparable<? super R>> R largest(List<? extends R> candidates) {
    Calls.record("largest");
    R best = null;
    for (R candidate : candidates) {
      if (best == null || candidate.compareTo(best) > 0) {
        best = candidate;
      }
    }
    return best;
  }
}
