package dev.visualsearch.personalize;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where users and what they did with results are kept: the input of the engagement scores, the
 * taste vectors and the offline evaluation. Two implementations share one versioned schema:
 * {@code SqliteInteractionStore} (an embedded file, the default) and {@code
 * PostgresInteractionStore} (a shared server).
 *
 * <p><b>Durability</b>: when {@link #append} or {@link #putUser} returns, what it stored survives
 * a crash of this process: it is committed (SQLite: write-ahead log, synchronous FULL; PostgreSQL:
 * synchronous commit).
 *
 * <p><b>Time</b>: timestamps are kept to the millisecond (as epoch milliseconds); what an
 * interaction read back carries below a millisecond is zero.
 *
 * <p>Implementations are thread-safe: request threads append and read concurrently.
 */
public interface InteractionStore extends Closeable {

  /**
   * Checks each event of {@code batch} and stores the valid ones in one transaction; invalid ones
   * (a missing id, an unknown type, a dwell without a duration or with a negative one, no
   * timestamp) are returned as rejections with their reason and do not prevent the rest from being
   * stored.
   *
   * @throws IOException if the store cannot be written; then none of the batch is stored
   */
  AppendResult append(List<RawInteraction> batch) throws IOException;

  /**
   * Stores {@code user}, replacing what was known about a user of the same id.
   *
   * @throws IOException if the store cannot be written
   */
  void putUser(User user) throws IOException;

  /**
   * The user of id {@code id}, if {@link #putUser} stored one.
   *
   * @throws IOException if the store cannot be read
   */
  Optional<User> user(String id) throws IOException;

  /**
   * Every stored user, ordered by id.
   *
   * @throws IOException if the store cannot be read
   */
  List<User> users() throws IOException;

  /**
   * The latest interactions of {@code user}, at most {@code limit}, oldest first.
   *
   * @throws IOException if the store cannot be read
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  default List<Interaction> forUser(String user, int limit) throws IOException {
    return forUser(user, limit, EnumSet.allOf(Interaction.Type.class));
  }

  /**
   * The latest interactions of {@code user} of the given types, at most {@code limit}, oldest
   * first: e.g. the engagements a taste is learned from, without the impressions that would
   * otherwise crowd them out of the limit.
   *
   * @throws IOException if the store cannot be read
   * @throws IllegalArgumentException if {@code limit < 1} or {@code types} is empty
   */
  List<Interaction> forUser(String user, int limit, Set<Interaction.Type> types)
      throws IOException;

  /**
   * The interactions with the given images, oldest first.
   *
   * @throws IOException if the store cannot be read
   */
  List<Interaction> forImages(Collection<String> images) throws IOException;

  /**
   * Passes every interaction with {@code from <= timestamp < to} to {@code sink}, oldest first
   * (ties in the order they were stored), without holding them all in memory.
   *
   * @throws IOException if the store cannot be read
   */
  void scan(Instant from, Instant to, Consumer<Interaction> sink) throws IOException;

  /**
   * Passes every stored interaction to {@code sink}, oldest first, as {@link #scan} does.
   *
   * @throws IOException if the store cannot be read
   */
  default void scanAll(Consumer<Interaction> sink) throws IOException {
    scan(Instant.MIN, Instant.MAX, sink);
  }

  /**
   * Stores {@code search}, durably as {@link #append}: the search the interactions with its
   * {@code queryId} were made on, for replaying the log later.
   *
   * @throws IOException if the store cannot be written, or already holds a search of that query id
   */
  void logSearch(LoggedSearch search) throws IOException;

  /**
   * Passes every logged search with {@code from <= timestamp < to} to {@code sink}, oldest first.
   *
   * @throws IOException if the store cannot be read
   */
  void scanSearches(Instant from, Instant to, Consumer<LoggedSearch> sink) throws IOException;

  /**
   * The number of stored interactions.
   *
   * @throws IOException if the store cannot be read
   */
  long size() throws IOException;

  /** The schema version of the store, as migrated when it was opened. */
  int schemaVersion();
}
