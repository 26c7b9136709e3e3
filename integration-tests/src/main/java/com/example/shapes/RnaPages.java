package com.example.shapes;

import io.memocache.Memo;
import io.memocache.Singleton;
import java.util.List;

/** The README's example: a singleton pool and a memo whose pool parameter is left out of the key. */
public class RnaPages {
  @Singleton
  public Database database() {
    Calls.record("database");
    return new Database();
  }

  @Memo
  public List<Row> getPage(Database _database, int pageSize, int page) {
    Calls.record("getPage");
    return _database.query(pageSize, page);
  }
}
