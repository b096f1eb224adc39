package dev.visualsearch.personalize.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What differs between the SQL of the two stores. */
enum Dialect {
  SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", false) {
    @Override
    void lockForMigration(Connection connection) {
      // Nothing to do: the connection begins its transactions IMMEDIATE, which takes the file's
      // write lock at once, so a second process opening the store waits (busy timeout) and then
      // finds the schema already migrated.
    }

    @Override
    void beginSnapshot(Connection connection) {
      // Nothing to do: an SQLite transaction is serialisable, and IMMEDIATE keeps writers out.
    }
  },
  POSTGRES("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", true) {
    @Override
    void lockForMigration(Connection connection) throws SQLException {
      // Before anything else in the transaction: two processes creating schema_version at once
      // would otherwise collide on the catalog even with IF NOT EXISTS.
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
      }
    }

    @Override
    void beginSnapshot(Connection connection) throws SQLException {
      // READ COMMITTED, the default, would let each query of the transaction see newer commits.
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
    }
  };

  /** The advisory lock key that serialises migrations: "vsmg" as an integer. */
  private static final long MIGRATION_LOCK = 0x76736d67L;

  /** The column type of an auto-incremented 64-bit primary key. */
  final String sequenceKey;

  /**
   * Whether a result set streams (rather than being read whole) only inside a transaction:
   * PostgreSQL's driver uses a cursor only with auto-commit off; SQLite always steps row by row,
   * and a transaction there would take the write lock (transactions begin IMMEDIATE).
   */
  final boolean streamsOnlyInTransaction;

  Dialect(String sequenceKey, boolean streamsOnlyInTransaction) {
    this.sequenceKey = sequenceKey;
    this.streamsOnlyInTransaction = streamsOnlyInTransaction;
  }

  /** Makes the migration in the current transaction of {@code connection} the only one running. */
  abstract void lockForMigration(Connection connection) throws SQLException;

  /**
   * Makes the transaction just begun on {@code connection} read one snapshot of the database;
   * must come before its first query.
   */
  abstract void beginSnapshot(Connection connection) throws SQLException;
}
