package dev.visualsearch.personalize.store;

import dev.visualsearch.personalize.AppendResult;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.LoggedSearch;
import dev.visualsearch.personalize.RawInteraction;
import dev.visualsearch.personalize.User;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The SQL both stores share. Subclasses say how a call gets a connection ({@link
 * #withConnection}); this class says what it does with it. Timestamps are stored as epoch
 * milliseconds, so precision below a millisecond is dropped.
 */
abstract class JdbcInteractionStore implements InteractionStore {

  /** Work done with a connection that the subclass lends for the duration of the call. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Image ids per {@code IN (...)} query of {@link #forImages}: well under both limits. */
  private static final int IMAGES_PER_QUERY = 500;

  /** Rows fetched at a time by {@link #scan} where the driver would otherwise read them all. */
  private static final int SCAN_FETCH_SIZE = 1000;

  private static final String COLUMNS = "seq, user_id, image_id, type, dwell_ms, ts, query_id";

  private final String name;
  private final Dialect dialect;
  private volatile int schemaVersion;

  JdbcInteractionStore(String name, Dialect dialect) {
    this.name = name;
    this.dialect = dialect;
  }

  /**
   * Runs {@code work} with a connection in auto-commit mode that no other thread uses meanwhile,
   * and leaves it in auto-commit mode.
   */
  abstract <T> T withConnection(SqlWork<T> work) throws SQLException;

  /** Brings the schema up to date; called once by the subclass's {@code open}. */
  final void migrate() throws IOException {
    try {
      schemaVersion = withConnection(connection -> {
        try {
          return Migrations.migrate(connection, dialect, name);
        } catch (IOException e) {
          throw new SchemaTooNew(e);
        }
      });
    } catch (SchemaTooNew e) {
      throw (IOException) e.getCause();
    } catch (SQLException e) {
      throw failed("migrate the schema", e);
    }
  }

  @Override
  public final AppendResult append(List<RawInteraction> batch) throws IOException {
    Objects.requireNonNull(batch, "batch");
    List<Interaction> valid = new ArrayList<>(batch.size());
    List<Long> millis = new ArrayList<>(batch.size());
    List<AppendResult.Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      RawInteraction raw = batch.get(i);
      if (raw == null) {
        rejected.add(new AppendResult.Rejection(i, null, "the event is null"));
        continue;
      }
      try {
        Interaction interaction = raw.validate();
        millis.add(toMillis(interaction.timestamp()));
        valid.add(interaction);
      } catch (IllegalArgumentException e) {
        rejected.add(new AppendResult.Rejection(i, raw, e.getMessage()));
      }
    }
    if (!valid.isEmpty()) {
      String operation = "append " + valid.size() + " interactions";
      call(operation, connection -> inTransaction(connection, () -> {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO interactions (user_id, image_id, type, dwell_ms, ts, query_id) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
          for (int i = 0; i < valid.size(); i++) {
            Interaction interaction = valid.get(i);
            insert.setString(1, interaction.user());
            insert.setString(2, interaction.image());
            insert.setString(3, interaction.type().jsonName());
            insert.setLong(4, interaction.dwellMillis());
            insert.setLong(5, millis.get(i));
            if (interaction.queryId() == null) {
              insert.setNull(6, Types.VARCHAR);
            } else {
              insert.setString(6, interaction.queryId());
            }
            insert.addBatch();
          }
          insert.executeBatch();
        }
        return null;
      }));
    }
    return new AppendResult(valid.size(), rejected);
  }

  @Override
  public final void putUser(User user) throws IOException {
    Objects.requireNonNull(user, "user");
    call("store user '" + user.id() + "'",
        connection -> inTransaction(connection, () -> {
          UserRows.put(connection, user);
          return null;
        }));
  }

  @Override
  public final Optional<User> user(String id) throws IOException {
    Objects.requireNonNull(id, "id");
    List<User> found = call("read user '" + id + "'",
        connection -> inTransaction(connection, () -> UserRows.read(connection, dialect, id)));
    return found.stream().findFirst();
  }

  @Override
  public final List<User> users() throws IOException {
    return call("read the users",
        connection -> inTransaction(connection, () -> UserRows.read(connection, dialect, null)));
  }

  @Override
  public final List<Interaction> forUser(String user, int limit, Set<Interaction.Type> types)
      throws IOException {
    Objects.requireNonNull(user, "user");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    List<Interaction.Type> kinds = List.copyOf(types);
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("types must name at least one interaction type");
    }
    String marks = String.join(", ", Collections.nCopies(kinds.size(), "?"));
    List<Interaction> latestFirst = call("read the interactions of user '" + user + "'",
        connection -> {
          try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
              + " FROM interactions WHERE user_id = ? AND type IN (" + marks + ")"
              + " ORDER BY ts DESC, seq DESC LIMIT ?")) {
            select.setString(1, user);
            for (int i = 0; i < kinds.size(); i++) {
              select.setString(2 + i, kinds.get(i).jsonName());
            }
            select.setInt(2 + kinds.size(), limit);
            List<Interaction> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                found.add(interaction(rows));
              }
            }
            return found;
          }
        });
    Collections.reverse(latestFirst);
    return latestFirst;
  }

  @Override
  public final List<Interaction> forImages(Collection<String> images) throws IOException {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(images));
    distinct.forEach(image -> Objects.requireNonNull(image, "image"));
    if (distinct.isEmpty()) {
      return List.of();
    }
    record Row(long seq, long ts, Interaction interaction) {}
    List<Row> found = call("read the interactions with " + distinct.size() + " images",
        connection -> {
          List<Row> rows = new ArrayList<>();
          for (int from = 0; from < distinct.size(); from += IMAGES_PER_QUERY) {
            List<String> chunk =
                distinct.subList(from, Math.min(distinct.size(), from + IMAGES_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM interactions WHERE image_id IN (" + marks + ")")) {
              for (int i = 0; i < chunk.size(); i++) {
                select.setString(i + 1, chunk.get(i));
              }
              try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                  rows.add(new Row(result.getLong("seq"), result.getLong("ts"),
                      interaction(result)));
                }
              }
            }
          }
          return rows;
        });
    // Sorted here because the chunks' results are merged.
    found.sort(Comparator.comparingLong(Row::ts).thenComparingLong(Row::seq));
    return found.stream().map(Row::interaction).toList();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The bounds are compared at millisecond precision. {@code sink} runs while this call holds
   * its connection and must not use this store.
   */
  @Override
  public final void scan(Instant from, Instant to, Consumer<Interaction> sink) throws IOException {
    Objects.requireNonNull(sink, "sink");
    stream("scan the interactions from " + from + " to " + to, "SELECT " + COLUMNS
        + " FROM interactions WHERE ts >= ? AND ts < ? ORDER BY ts, seq", from, to,
        rows -> sink.accept(interaction(rows)));
  }

  /** What is done with each row of a streamed query. */
  @FunctionalInterface
  private interface RowSink {
    void accept(ResultSet rows) throws SQLException;
  }

  /**
   * Runs {@code select} (with the bounds as its two parameters) and passes each row to {@code
   * sink} without reading them all into memory.
   */
  private void stream(String operation, String select, Instant from, Instant to, RowSink sink)
      throws IOException {
    long fromMillis = clampedMillis(from);
    long toMillis = clampedMillis(to);
    call(operation, connection -> {
      boolean transaction = dialect.streamsOnlyInTransaction;
      if (transaction) {
        connection.setAutoCommit(false);
      }
      try (PreparedStatement statement = connection.prepareStatement(select)) {
        statement.setFetchSize(SCAN_FETCH_SIZE);
        statement.setLong(1, fromMillis);
        statement.setLong(2, toMillis);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            sink.accept(rows);
          }
        }
      } finally {
        if (transaction) {
          connection.rollback(); // read only: nothing to keep
          connection.setAutoCommit(true);
        }
      }
      return null;
    });
  }

  @Override
  public final void logSearch(LoggedSearch search) throws IOException {
    Objects.requireNonNull(search, "search");
    long millis = toMillis(search.timestamp());
    call("log search '" + search.queryId() + "'", connection -> inTransaction(connection, () -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO searches (query_id, user_id, ts, image_id) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, search.queryId());
        insert.setString(2, search.user());
        insert.setLong(3, millis);
        if (search.image() == null) {
          insert.setNull(4, Types.VARCHAR);
        } else {
          insert.setString(4, search.image());
        }
        insert.executeUpdate();
      }
      return null;
    }));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The bounds are compared at millisecond precision. {@code sink} runs while this call holds
   * its connection and must not use this store.
   */
  @Override
  public final void scanSearches(Instant from, Instant to, Consumer<LoggedSearch> sink)
      throws IOException {
    Objects.requireNonNull(sink, "sink");
    stream("scan the searches from " + from + " to " + to,
        "SELECT query_id, user_id, ts, image_id FROM searches WHERE ts >= ? AND ts < ?"
            + " ORDER BY ts, query_id", from, to,
        rows -> sink.accept(new LoggedSearch(rows.getString("query_id"),
            rows.getString("user_id"), Instant.ofEpochMilli(rows.getLong("ts")),
            rows.getString("image_id"))));
  }

  @Override
  public final long size() throws IOException {
    return call("count the interactions", connection -> {
      try (PreparedStatement select =
              connection.prepareStatement("SELECT COUNT(*) FROM interactions");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  @Override
  public final int schemaVersion() {
    return schemaVersion;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }

  /** The name of this store in messages: its file or its JDBC URL without a password. */
  final String name() {
    return name;
  }

  private <T> T call(String operation, SqlWork<T> work) throws IOException {
    try {
      return withConnection(work);
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  private IOException failed(String operation, SQLException e) {
    return new IOException(
        "could not " + operation + " in " + name + ": " + e.getMessage(), e);
  }

  /** Runs {@code body} in a transaction of {@code connection}, committed or else rolled back. */
  private static <T> T inTransaction(Connection connection, SqlBody<T> body) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = body.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @FunctionalInterface
  private interface SqlBody<T> {
    T run() throws SQLException;
  }

  /**
   * The interaction of the current row. A row another tool wrote that is not a valid interaction
   * (an id too long, a dwell on a click) is reported with its sequence number.
   */
  private static Interaction interaction(ResultSet rows) throws SQLException {
    try {
      return new Interaction(rows.getString("user_id"), rows.getString("image_id"),
          Interaction.Type.fromJson(rows.getString("type")), rows.getLong("dwell_ms"),
          Instant.ofEpochMilli(rows.getLong("ts")), rows.getString("query_id"));
    } catch (IllegalArgumentException e) {
      throw new SQLException("interaction row seq " + rows.getLong("seq")
          + " is not a valid interaction: " + e.getMessage(), e);
    }
  }

  /** Epoch milliseconds of a timestamp to store, which must fit. */
  private static long toMillis(Instant timestamp) {
    try {
      return timestamp.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "timestamp out of range of epoch milliseconds: " + timestamp);
    }
  }

  /** Epoch milliseconds of a bound, saturated so that {@link Instant#MIN} and MAX work. */
  private static long clampedMillis(Instant bound) {
    Objects.requireNonNull(bound, "bound");
    if (bound.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
      return Long.MIN_VALUE;
    }
    if (bound.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
      return Long.MAX_VALUE;
    }
    return bound.toEpochMilli();
  }

  /** Carries the too-new error of a migration out of {@link SqlWork}, which throws SQLException. */
  private static final class SchemaTooNew extends SQLException {
    SchemaTooNew(IOException cause) {
      super(cause);
    }
  }
}
