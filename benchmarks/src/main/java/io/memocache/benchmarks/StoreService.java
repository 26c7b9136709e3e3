package io.memocache.benchmarks;

import io.memocache.Memo;
import java.util.ArrayList;
import java.util.List;

/**
 * Persisted methods for {@link StoreBenchmark}. One in-process entry each: the benchmark alternates
 * two keys, so every call misses in-process and is answered by the memo store.
 */
public class StoreService {
  static final int PAGE_ROWS = 1_000;

  @Memo(persist = true, maxEntries = 1)
  public List<Data.Row> page(int seed) {
    return rows(PAGE_ROWS, seed);
  }

  @Memo(persist = true, maxEntries = 1)
  public List<Data.Row> records(int seed) {
    return rows(Data.ROWS, seed);
  }

  static ArrayList<Data.Row> rows(int count, int seed) {
    ArrayList<Data.Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(new Data.Row(i, "row-" + seed + "-" + i, i * 0.5));
    }
    return rows;
  }
}
