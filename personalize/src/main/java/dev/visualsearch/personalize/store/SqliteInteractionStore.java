package dev.visualsearch.personalize.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The interaction store in an embedded SQLite file: the default, nothing to run beside the
 * application.
 *
 * <p>Thread-safe: one connection serves every thread, one call at a time (a lock), which is what
 * SQLite allows for writes anyway; a {@link #scan} holds it until the scan returns. Other
 * processes may open the same file; each transaction then waits up to {@value
 * #BUSY_TIMEOUT_MILLIS} ms for the file's write lock.
 *
 * <p><b>Durability</b>: write-ahead log ({@code journal_mode=WAL}) with {@code synchronous=FULL},
 * so a committed append is on disk before {@link #append} returns and survives a crash of the
 * process or of the machine. Timestamps are stored as epoch milliseconds; precision below a
 * millisecond is dropped.
 *
 * <p><b>Schema</b>: opening migrates the file to the schema this code knows, in one transaction;
 * a file of a newer schema is refused.
 */
public final class SqliteInteractionStore extends JdbcInteractionStore {

  /** How long a transaction waits for another process's write lock before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 30_000;

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private SqliteInteractionStore(Path file, Connection connection) {
    super(file.toString(), Dialect.SQLITE);
    this.connection = connection;
  }

  /**
   * Opens the store in {@code file}, creating it (and its directory) if it does not exist and
   * migrating its schema to the current version.
   *
   * @throws IOException if the file cannot be opened or created, is not an SQLite database, or
   *     has a schema newer than this code knows; the message names the file
   */
  public static SqliteInteractionStore open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Connection connection;
    try {
      connection = connect(absolute);
    } catch (SQLException e) {
      throw new IOException("could not open the SQLite store " + absolute + ": " + e.getMessage(),
          e);
    }
    SqliteInteractionStore store = new SqliteInteractionStore(absolute, connection);
    try {
      store.migrate();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** A connection to {@code file} configured as the store uses it; also for tests. */
  static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    // Take the write lock when a transaction begins, not at its first write: a deferred
    // transaction that reads and then writes fails at once when another process wrote meanwhile.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  @Override
  <T> T withConnection(SqlWork<T> work) throws SQLException {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the SQLite store " + name() + " is closed");
      }
      return work.run(connection);
    } finally {
      lock.unlock();
    }
  }

  /** Closes the file; calls afterwards throw {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw new IOException("could not close the SQLite store " + name() + ": " + e.getMessage(),
          e);
    } finally {
      lock.unlock();
    }
  }
}
