package io.memocache.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.memocache.Memo;
import io.memocache.Singleton;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The data app's cached functions: memocache generates {@code RnaBrowser_Cached} from these.
 * Counters record how often each body really runs.
 */
public class RnaBrowser {
  static final String URL = "jdbc:h2:mem:rna;DB_CLOSE_DELAY=-1";
  static final AtomicInteger POOLS_CREATED = new AtomicInteger();
  static final AtomicInteger PAGE_QUERIES = new AtomicInteger();
  static final AtomicInteger FACTORIAL_BODIES = new AtomicInteger();

  /** The connection pool: created once, shared by reference with every caller and thread. */
  @Singleton
  public DataSource dataSource() {
    POOLS_CREATED.incrementAndGet();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL);
    config.setMaximumPoolSize(4);
    config.setPoolName("rna-pool-" + POOLS_CREATED.get());
    return new HikariDataSource(config);
  }

  /**
   * One page of sequences in uid order. The pool is passed as {@code _dataSource}: the underscore
   * keeps it out of the key, so the key is just (pageSize, page). Persisted: pages are also kept
   * in the memo store (by default under {@code ~/.cache/memocache}), so the next run of the demo
   * reads them from disk instead of querying the database.
   */
  @Memo(persist = true)
  public RnaPage getPage(DataSource _dataSource, int pageSize, int page) throws SQLException {
    PAGE_QUERIES.incrementAndGet();
    List<RnaRow> rows = new ArrayList<>(pageSize);
    try (Connection connection = _dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select id, short_seq, long_seq, length, uid from rna_sequences"
                    + " order by uid limit ? offset ?")) {
      query.setInt(1, pageSize);
      query.setInt(2, page * pageSize);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(
              new RnaRow(
                  result.getInt(1),
                  result.getString(2),
                  result.getString(3),
                  result.getInt(4),
                  result.getString(5)));
        }
      }
    }
    return new RnaPage(pageSize, page, rows);
  }

  /** n!, recursively: each level is memoized, so later calls reuse the smaller results. */
  @Memo
  public BigInteger factorial(int n) {
    FACTORIAL_BODIES.incrementAndGet();
    return n <= 1 ? BigInteger.ONE : BigInteger.valueOf(n).multiply(factorial(n - 1));
  }
}
