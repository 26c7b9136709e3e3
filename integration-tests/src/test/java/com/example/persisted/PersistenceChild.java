package com.example.persisted;

import com.example.shapes.Calls;
import io.memocache.runtime.CacheStats;
import io.memocache.runtime.DiskStore;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.MemoStores;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JVM of {@link PersistenceProcessesTest}: uses the store in {@code args[0]} ({@code -} for the
 * configured or default one), makes the calls named by the other arguments, and prints how many
 * computations ran and what the store answered.
 */
public final class PersistenceChild {
  private PersistenceChild() {}

  public static void main(String[] args) {
    if (!args[0].equals("-")) {
      MemoStores.use(DiskStore.open(Path.of(args[0])));
    }
    Reports reports = new Reports_Cached();
    for (String call : List.of(args).subList(1, args.length)) {
      switch (call) {
        case "page" -> check(reports.page(10, 3).rows().get(0).equals("row 30"));
        case "pageLater" -> check(reports.pageLater(10, 3).join().rows().get(0).equals("row 30"));
        case "summary" ->
            check(Reports_Cached.summary(counts(false), tags(false)).equals("3 [x, y]"));
        case "summaryReordered" ->
            check(Reports_Cached.summary(counts(true), tags(true)).equals("3 [x, y]"));
        default -> throw new IllegalArgumentException(call);
      }
    }
    long storeHits = 0;
    long rejected = 0;
    long errors = 0;
    for (CacheStats stats : MemoCaches.stats()) {
      storeHits += stats.storeHits();
      rejected += stats.storeRejected();
      errors += stats.storeErrors();
    }
    System.out.println(
        "computed="
            + (Calls.count("page") + Calls.count("pageLater") + Calls.count("summary"))
            + " storeHits="
            + storeHits
            + " rejected="
            + rejected
            + " errors="
            + errors);
  }

  private static void check(boolean right) {
    if (!right) {
      throw new AssertionError("wrong value");
    }
  }

  private static Map<String, Integer> counts(boolean reversed) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (reversed) {
      counts.put("b", 2);
      counts.put("a", 1);
    } else {
      counts.put("a", 1);
      counts.put("b", 2);
    }
    return counts;
  }

  private static Set<String> tags(boolean reversed) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add(reversed ? "y" : "x");
    tags.add(reversed ? "x" : "y");
    return tags;
  }
}
