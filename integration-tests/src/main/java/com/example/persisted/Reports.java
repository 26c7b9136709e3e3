package com.example.persisted;

import com.example.shapes.Calls;
import io.memocache.Memo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** {@code @Memo(persist = true)} methods whose entries the tests find again in the memo store. */
public class Reports {
  /** One page of a report: a record of immutable data, storable and never copied. */
  public record Page(int number, List<String> rows) {}

  @Memo(persist = true)
  public Page page(int pageSize, int number) {
    Calls.record("page");
    return pageOf(pageSize, number);
  }

  private static Page pageOf(int pageSize, int number) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < pageSize; i++) {
      rows.add("row " + (number * pageSize + i));
    }
    return new Page(number, List.copyOf(rows));
  }

  /** Map and set arguments: their order must not change the stored entry's key. */
  @Memo(persist = true)
  public static String summary(Map<String, Integer> counts, Set<String> tags) {
    Calls.record("summary");
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return total + " " + new TreeSet<>(tags);
  }

  @Memo(persist = true, ttl = "1s")
  public static String shortLived(String name) {
    Calls.record("shortLived");
    return "fresh " + name;
  }

  /** A mutable result: stored, and copied for every caller as any {@code @Memo} result. */
  @Memo(persist = true)
  public static List<Integer> squares(int n) {
    Calls.record("squares");
    List<Integer> squares = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      squares.add(i * i);
    }
    return squares;
  }

  @Memo(persist = true)
  public static String nothing(String name) {
    Calls.record("nothing");
    return null;
  }

  /** The future the next {@link #rows} computation returns; a test completes it when it chooses. */
  public static volatile CompletableFuture<List<String>> nextRows = new CompletableFuture<>();

  /** A persisted async method: the store holds the completed (mutable, so copied) value. */
  @Memo(persist = true)
  public static CompletableFuture<List<String>> rows(String query) {
    Calls.record("rows");
    return nextRows;
  }

  /** A persisted async method completed on another thread, for the child JVMs. */
  @Memo(persist = true)
  public CompletableFuture<Page> pageLater(int pageSize, int number) {
    Calls.record("pageLater");
    return CompletableFuture.supplyAsync(() -> pageOf(pageSize, number));
  }
}
