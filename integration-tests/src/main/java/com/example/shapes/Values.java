package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Results by value and by reference, null results, and failures that are not cached. */
public class Values {
  /** Holds the last list getList returned, so a test can mutate it behind the cache. */
  public List<String> lastReturned;

  /** A record holding a mutable list. */
  public record Box(String label, List<String> items) {}

  /** A mutable bean without a no-argument constructor. */
  public static final class Counter {
    private final String name;
    private int count;

    public Counter(String name, int count) {
      this.name = name;
      this.count = count;
    }

    public String name() {
      return name;
    }

    public int count() {
      return count;
    }

    public void increment() {
      count++;
    }
  }

  @Memo
  public List<String> getList(String seed) {
    Calls.record("getList");
    List<String> list = new ArrayList<>(List.of(seed, seed + "!"));
    lastReturned = list;
    return list;
  }

  @Memo
  public int[] getArray(int n) {
    Calls.record("getArray");
    return new int[] {n, n + 1};
  }

  @Memo
  public Box getBox(String label) {
    Calls.record("getBox");
    return new Box(label, new ArrayList<>(List.of("a")));
  }

  @Memo
  public Map<String, List<Integer>> getMap(int n) {
    Calls.record("getMap");
    Map<String, List<Integer>> map = new HashMap<>();
    map.put("n", new ArrayList<>(List.of(n)));
    return map;
  }

  @Memo
  public Counter getCounter(String name) {
    Calls.record("getCounter");
    return new Counter(name, 0);
  }

  @Memo
  public List<Integer> immutableList(int n) {
    Calls.record("immutableList");
    return List.of(n, n + 1);
  }

  @Memo
  public String getNull(int n) {
    Calls.record("getNull");
    return null;
  }

  @Memo
  public int failing(int n) {
    Calls.record("failing");
    throw new IllegalStateException("failure " + n);
  }

  @Memo
  public Thread uncopyable(String name) {
    Calls.record("uncopyable");
    return new Thread(name);
  }

  @Singleton
  public List<String> sharedList(String name) {
    Calls.record("sharedList");
    return new ArrayList<>(List.of(name));
  }

  @Singleton
  public Object nullSingleton(int n) {
    Calls.record("nullSingleton");
    return null;
  }
}
