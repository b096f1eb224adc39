package dev.visualsearch.personalize.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The interaction store in a PostgreSQL database, for several application processes sharing one
 * log.
 *
 * <p>Thread-safe: each call takes a connection of its own, reusing one of up to {@value #MAX_IDLE}
 * idle connections (checked alive first) or opening a new one; a connection whose call failed is
 * closed rather than reused. Calls from many threads run concurrently on the server; the number
 * of connections is not capped here (the server's {@code max_connections} is), so callers bound
 * their own concurrency, as the web server does. Connections time out after 10 s connecting and
 * 60 s waiting for an answer, unless the URL says otherwise ({@code connectTimeout}, {@code
 * socketTimeout}).
 *
 * <p><b>Durability</b>: every connection sets {@code synchronous_commit=on}, so an append is in the
 * server's flushed write-ahead log before {@link #append} returns (given a server that runs with
 * {@code fsync=on}, its default). Timestamps are stored as epoch milliseconds; precision below a
 * millisecond is dropped.
 *
 * <p><b>Schema</b>: opening migrates the database to the schema this code knows, in one
 * transaction under an advisory lock, so processes opening it at once do not collide; a database
 * of a newer schema is refused. The tables live in the connection's default schema.
 */
public final class PostgresInteractionStore extends JdbcInteractionStore {

  /** The most idle connections kept for reuse. */
  static final int MAX_IDLE = 4;

  private final String url;
  private final Properties properties;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  private PostgresInteractionStore(String url, Properties properties) {
    super(withoutPassword(url), Dialect.POSTGRES);
    this.url = url;
    this.properties = properties;
  }

  /**
   * Opens the store in the database at {@code jdbcUrl}, migrating its schema to the current
   * version.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example:5432/visualsearch}
   * @param user the database user; null to use the URL's or the driver's default
   * @param password the user's password; null when the server does not ask for one
   * @throws IOException if the server cannot be reached, refuses the login, or the database has
   *     a schema newer than this code knows; the message names the URL (without a password)
   */
  public static PostgresInteractionStore open(String jdbcUrl, String user, String password)
      throws IOException {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
              + withoutPassword(jdbcUrl));
    }
    Properties properties = new Properties();
    // A server that stops answering must not hold request threads forever; the URL may override.
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "60");
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    PostgresInteractionStore store = new PostgresInteractionStore(jdbcUrl, properties);
    try {
      store.migrate();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** {@code url} with the value of any {@code password} parameter replaced by {@code ***}. */
  static String withoutPassword(String url) {
    return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  @Override
  <T> T withConnection(SqlWork<T> work) throws SQLException {
    Connection connection = take();
    boolean reusable = false;
    try {
      T result = work.run(connection);
      reusable = true;
      return result;
    } finally {
      if (reusable) {
        giveBack(connection);
      } else {
        closeQuietly(connection);
      }
    }
  }

  private Connection take() throws SQLException {
    while (true) {
      Connection reused;
      synchronized (idle) {
        if (closed) {
          throw new IllegalStateException("the PostgreSQL store " + name() + " is closed");
        }
        reused = idle.poll();
      }
      if (reused == null) {
        break;
      }
      if (isAlive(reused)) { // checked outside the lock: it is a round trip
        return reused;
      }
      closeQuietly(reused); // e.g. the server restarted since it was last used
    }
    Connection connection = DriverManager.getConnection(url, properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET synchronous_commit TO on");
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
    return connection;
  }

  private static boolean isAlive(Connection connection) {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void giveBack(Connection connection) {
    synchronized (idle) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.push(connection);
        return;
      }
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // The connection is being dropped; a failure to close it changes nothing for the caller.
    }
  }

  /**
   * Closes the idle connections; calls afterwards throw {@link IllegalStateException}, and
   * connections in use by calls still running are closed when those return. Idempotent.
   */
  @Override
  public void close() throws IOException {
    List<Connection> toClose;
    synchronized (idle) {
      closed = true;
      toClose = new ArrayList<>(idle);
      idle.clear();
    }
    SQLException first = null;
    for (Connection connection : toClose) {
      try {
        connection.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new IOException(
          "could not close the PostgreSQL store " + name() + ": " + first.getMessage(), first);
    }
  }
}
