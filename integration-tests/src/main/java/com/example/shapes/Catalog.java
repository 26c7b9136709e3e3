package com.example.shapes;

import io.memocache.Memo;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** JDK immutable collections, Optional and records as arguments and results. */
public class Catalog implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A record result whose components are all immutable: never copied. */
  public record Entry(String name, int count) {}

  @Memo
  public Map<String, Integer> counts(List<String> words) {
    Calls.record("counts");
    Map<String, Integer> counts = new TreeMap<>();
    words.forEach(word -> counts.merge(word, 1, Integer::sum));
    return Collections.unmodifiableMap(counts);
  }

  @Memo
  public Entry entry(Map<String, Integer> counts, String name) {
    Calls.record("entry");
    return new Entry(name, counts.getOrDefault(name, 0));
  }

  @Memo
  public Optional<String> first(List<String> words) {
    Calls.record("first");
    return words.stream().findFirst();
  }

  @Deprecated
  @Memo
  public int legacy(int x) {
    Calls.record("legacy");
    return x;
  }
}
