package io.memocache.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import javax.sql.DataSource;

/** Creates and fills the demo's table of RNA sequences in an embedded H2 database. */
final class RnaDatabase {
  private static final char[] BASES = {'A', 'C', 'G', 'U'};

  private RnaDatabase() {}

  /** Creates the table and inserts {@code rows} generated sequences (deterministic). */
  static void seed(DataSource dataSource, int rows) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop table if exists rna_sequences");
      statement.execute(
          "create table rna_sequences (id int primary key, short_seq varchar(12),"
              + " long_seq varchar(400), length int, uid varchar(16) unique)");
      connection.setAutoCommit(false);
      Random random = new Random(2026);
      try (PreparedStatement insert =
          connection.prepareStatement("insert into rna_sequences values (?, ?, ?, ?, ?)")) {
        for (int id = 0; id < rows; id++) {
          String sequence = sequence(random, 100 + random.nextInt(300));
          insert.setInt(1, id);
          insert.setString(2, sequence.substring(0, 12));
          insert.setString(3, sequence);
          insert.setInt(4, sequence.length());
          // Not in id order, so reading pages in uid order makes the database sort.
          insert.setString(5, String.format("URS%013X", (id * 2654435761L) & 0xFFFFFFFFFFFFL));
          insert.addBatch();
          if (id % 1000 == 999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
    }
  }

  private static String sequence(Random random, int length) {
    char[] bases = new char[length];
    for (int i = 0; i < length; i++) {
      bases[i] = BASES[random.nextInt(BASES.length)];
    }
    return new String(bases);
  }
}
