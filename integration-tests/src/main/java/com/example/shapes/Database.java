package com.example.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for a connection pool: a shared object with identity and no content to hash. */
public final class Database {
  private static final AtomicInteger CREATED = new AtomicInteger();
  private final int id = CREATED.incrementAndGet();
  private final Thread owner = Thread.currentThread();

  /** Returns how many databases were ever created. */
  public static int created() {
    return CREATED.get();
  }

  /** Returns this database's creation number. */
  public int id() {
    return id;
  }

  /** Returns the thread that created it: proof that it holds no hashable content. */
  public Thread owner() {
    return owner;
  }

  /** Returns the rows of one page. */
  public List<Row> query(int pageSize, int page) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pageSize; i++) {
      int id = page * pageSize + i;
      rows.add(new Row(id, "seq-" + id));
    }
    return rows;
  }
}
