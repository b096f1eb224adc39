package dev.visualsearch.personalize.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema of both stores as an ordered list of migrations, and the code that applies the
 * missing ones when a store opens.
 *
 * <p>Table {@code schema_version} holds one row per applied migration (version, description, when
 * in epoch milliseconds); the store's version is the largest. Migrations run in one transaction
 * that first takes a lock (see {@link Dialect#lockForMigration}), so two processes opening a store
 * at once apply each migration once. A store whose version is newer than {@link #LATEST} is
 * refused: this code would not know what the newer migrations changed.
 *
 * <p>A migration is never edited once released; a change to the schema is a new migration.
 */
final class Migrations {

  /** One step of the schema. */
  record Migration(int version, String description, List<String> statements) {}

  /** The newest version this code knows. */
  static final int LATEST = 3;

  private Migrations() {}

  /** The migrations of {@code dialect}, in order: version i at index i - 1. */
  static List<Migration> all(Dialect dialect) {
    return List.of(
        new Migration(1, "users, their categories and attributes; interactions", List.of(
            "CREATE TABLE users (id TEXT PRIMARY KEY)",
            "CREATE TABLE user_categories ("
                + "user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE, "
                + "category TEXT NOT NULL, "
                + "PRIMARY KEY (user_id, category))",
            "CREATE TABLE user_attributes ("
                + "user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE, "
                + "name TEXT NOT NULL, "
                + "value TEXT NOT NULL, "
                + "PRIMARY KEY (user_id, name))",
            "CREATE TABLE interactions ("
                + "seq " + dialect.sequenceKey + ", "
                + "user_id TEXT NOT NULL, "
                + "image_id TEXT NOT NULL, "
                + "type TEXT NOT NULL CHECK (type IN "
                + "('impression', 'click', 'dwell', 'like', 'save', 'purchase')), "
                + "dwell_ms BIGINT NOT NULL CHECK (dwell_ms >= 0), "
                + "ts BIGINT NOT NULL, "
                + "query_id TEXT)",
            "CREATE INDEX interactions_user_ts ON interactions (user_id, ts)",
            "CREATE INDEX interactions_ts_seq ON interactions (ts, seq)")),
        new Migration(2, "index interactions by image", List.of(
            "CREATE INDEX interactions_image ON interactions (image_id)")),
        new Migration(3, "the searches interactions name by query id", List.of(
            "CREATE TABLE searches ("
                + "query_id TEXT PRIMARY KEY, "
                + "user_id TEXT NOT NULL, "
                + "ts BIGINT NOT NULL, "
                + "image_id TEXT)",
            "CREATE INDEX searches_ts ON searches (ts)")));
  }

  /** Brings the schema to {@link #LATEST}; see the method below. */
  static int migrate(Connection connection, Dialect dialect, String store)
      throws SQLException, IOException {
    return migrate(connection, dialect, LATEST, store);
  }

  /**
   * Applies the migrations after the store's version up to {@code target}, in one transaction.
   *
   * @param store names the store in the error message
   * @return the version of the store afterwards
   * @throws IOException if the store's version is newer than {@link #LATEST}
   */
  static int migrate(Connection connection, Dialect dialect, int target, String store)
      throws SQLException, IOException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      dialect.lockForMigration(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER PRIMARY KEY, "
            + "description TEXT NOT NULL, "
            + "applied_ms BIGINT NOT NULL)");
      }
      int current = currentVersion(connection);
      if (current > LATEST) {
        throw new IOException(store + " has schema version " + current
            + ", newer than the newest this code knows (" + LATEST
            + "): open it with a newer visualsearch");
      }
      for (Migration migration : all(dialect)) {
        if (migration.version() <= current || migration.version() > target) {
          continue;
        }
        try (Statement statement = connection.createStatement()) {
          for (String sql : migration.statements()) {
            statement.execute(sql);
          }
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
          insert.setInt(1, migration.version());
          insert.setString(2, migration.description());
          insert.setLong(3, System.currentTimeMillis());
          insert.executeUpdate();
        }
        current = migration.version();
      }
      connection.commit();
      return current;
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      rows.next();
      return rows.getInt(1); // 0 when the table is empty (SQL NULL)
    }
  }
}
