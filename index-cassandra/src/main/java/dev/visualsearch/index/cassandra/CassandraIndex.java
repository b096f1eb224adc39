package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.type.codec.ExtraTypeCodecs;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.vector.VectorChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link VectorIndex} whose vectors live in an Apache Cassandra 5 table, {@code (id text PRIMARY
 * KEY, vector vector<float, D>)}, searched by Cassandra's storage-attached vector index (SAI,
 * approximate nearest neighbours) with {@code ORDER BY vector ANN OF ? LIMIT k}. Replication,
 * sharding and durability are Cassandra's; the consistency levels of reads and writes are
 * configurable ({@link CassandraIndexBuilder#readConsistency}).
 *
 * <p>How it differs from the in-process indexes:
 *
 * <ul>
 *   <li>Search is approximate. Scores are this library's ({@link Metric}), recomputed from the
 *       vectors Cassandra returns, and hits are sorted by them; ties keep Cassandra's order, not
 *       insertion order.
 *   <li>{@link Metric#INNER_PRODUCT} maps to Cassandra's {@code dot_product}, which needs unit
 *       vectors: vectors and queries further than 0.001 from length 1 are refused. {@link
 *       Metric#COSINE} maps to {@code cosine} (vectors are stored normalised), {@link Metric#L2}
 *       to {@code euclidean}.
 *   <li>A filtered search ({@link #search(float[], int, Predicate)}) cannot send a Java predicate
 *       to the server: it asks for {@code 4k} (at least 40) neighbours, keeps those the filter
 *       accepts, and asks again for four times as many until it has {@code k} hits, the table
 *       runs out, or {@value #MAX_ANN_LIMIT} were asked for; past that it scans the whole table
 *       and scores exactly. A filter that accepts a small share of the items is therefore slow.
 *   <li>{@link #size()} counts the table's rows ({@code SELECT COUNT(*)}): a full scan of the
 *       table on every call, fine for thousands of rows, slow for millions.
 *   <li>{@link #remove} reads the row, then deletes it; two removers of the same id may both
 *       report that it was there.
 *   <li>{@link #save(Path)} does not copy the cluster: it writes a small descriptor (contact
 *       points, datacenter, keyspace, table, consistency levels, dimension and metric), and {@link
 *       #open(Path)} reconnects to the same table.
 * </ul>
 *
 * <p>Requests that fail (no node reachable, too few replicas for the consistency level, timeout)
 * throw {@link CassandraIndexException} naming the table, the hosts and the reason. Writes are
 * idempotent: a write whose replicas time out is sent again, up to three times, before it fails;
 * a read whose replicas time out, for up to three request timeouts in all.
 *
 * <p>Thread-safe: all methods may be called concurrently; a search sees each row either before or
 * after a concurrent write of it.
 */
public final class CassandraIndex implements VectorIndex {

  /** The largest {@code LIMIT} a filtered search asks Cassandra for before scanning the table. */
  static final int MAX_ANN_LIMIT = 1000;

  /** How long, in request timeouts, a read whose replicas time out is sent again. */
  static final int READ_RETRY_TIMEOUTS = 3;

  private final CassandraSettings settings;
  private final CqlSession session;
  private final TypeCodec<float[]> vectorCodec;
  private final PreparedStatement insert;
  private final PreparedStatement delete;
  private final PreparedStatement select;
  private final PreparedStatement ann;

  private CassandraIndex(CassandraSettings settings, CqlSession session) {
    this.settings = settings;
    this.session = session;
    this.vectorCodec = ExtraTypeCodecs.floatVectorToArray(settings.dimension());
    String table = settings.qualifiedTable();
    this.insert = session.prepare("INSERT INTO " + table + " (id, vector) VALUES (?, ?)");
    this.delete = session.prepare("DELETE FROM " + table + " WHERE id = ?");
    this.select = session.prepare("SELECT vector FROM " + table + " WHERE id = ?");
    this.ann =
        session.prepare("SELECT id, vector FROM " + table + " ORDER BY vector ANN OF ? LIMIT ?");
  }

  /**
   * A builder of an index of {@code dimension}-long vectors compared with {@code metric}.
   *
   * @throws IllegalArgumentException if {@code dimension} is outside [1, 65536]
   */
  public static CassandraIndexBuilder builder(int dimension, Metric metric) {
    return new CassandraIndexBuilder(dimension, metric);
  }

  /**
   * Reconnects to the table described by a file that {@link #save(Path)} wrote; the schema must
   * still exist and fit.
   *
   * @throws IOException if the file cannot be read or is not such a descriptor; the message names
   *     the file and the reason
   * @throws CassandraIndexException if the cluster cannot be reached or the table does not fit
   */
  public static CassandraIndex open(Path file) throws IOException {
    return Descriptor.read(file).build();
  }

  /**
   * A factory for {@link dev.visualsearch.VisualSearch}: {@code create} builds an index
   * configured by {@code configure} (which sets contact points, keyspace, table, ...); {@code
   * open} reads a saved descriptor into a builder, applies {@code configure} to it (so what it sets,
   * such as other contact points of the same cluster, wins over the descriptor) and connects. Its
   * name is {@code "cassandra"}.
   *
   * @throws IllegalArgumentException if {@code configure} sets an invalid value
   */
  public static VectorIndexFactory factory(UnaryOperator<CassandraIndexBuilder> configure) {
    return new CassandraIndexFactory(configure);
  }

  static CassandraIndex connect(CassandraSettings settings) {
    CqlSession session = Sessions.open(settings);
    try {
      if (settings.createSchema()) {
        Schema.create(session, settings);
      }
      Schema.check(session, settings);
      return new CassandraIndex(settings, session);
    } catch (RuntimeException e) {
      session.close();
      throw Failures.translate(e, "open the index", settings);
    }
  }

  @Override
  public int dimension() {
    return settings.dimension();
  }

  @Override
  public Metric metric() {
    return settings.metric();
  }

  /** The keyspace of the table. */
  public String keyspace() {
    return settings.keyspace();
  }

  /** The table holding the vectors. */
  public String table() {
    return settings.table();
  }

  /**
   * The number of rows in the table, counted by the cluster at the read consistency level: a
   * full table scan (see the class description).
   *
   * @throws CassandraIndexException if the count fails
   */
  @Override
  public int size() {
    try {
      Row row =
          read(
                  SimpleStatement.newInstance("SELECT COUNT(*) FROM " + settings.qualifiedTable())
                      .setConsistencyLevel(settings.readConsistency())
                      .setTimeout(settings.requestTimeout().multipliedBy(6)))
              .one();
      long count = row == null ? 0 : row.getLong(0);
      return (int) Math.min(Integer.MAX_VALUE, count);
    } catch (RuntimeException e) {
      throw Failures.translate(e, "count the rows", settings);
    }
  }

  /**
   * Writes the vector at the write consistency level.
   *
   * @throws IllegalArgumentException as {@link VectorIndex#add} does, and (inner product) if the
   *     vector is not of unit length
   * @throws CassandraIndexException if the write fails
   */
  @Override
  public void add(String id, float[] vector) {
    BoundStatement statement = insertStatement(id, vector);
    try {
      BoundedWriter.execute(session, statement);
    } catch (RuntimeException e) {
      throw Failures.translate(e, "add '" + id + "'", settings);
    }
  }

  /**
   * Writes many vectors, up to {@link CassandraIndexBuilder#maxConcurrentWrites} at once. Every
   * vector is checked before the first is sent. Each write is idempotent: after a failure,
   * calling again with the same items is safe.
   *
   * @throws IllegalArgumentException if an id or vector is invalid (nothing is written then)
   * @throws CassandraIndexException if a write fails; the other writes have finished by then,
   *     and some may have been stored
   */
  public void addAll(Map<String, float[]> items) {
    Objects.requireNonNull(items, "items");
    BoundStatement[] statements = new BoundStatement[items.size()];
    int i = 0;
    for (Map.Entry<String, float[]> item : items.entrySet()) {
      statements[i++] = insertStatement(item.getKey(), item.getValue());
    }
    BoundedWriter writer = new BoundedWriter(session, settings.maxConcurrentWrites());
    try {
      for (BoundStatement statement : statements) {
        writer.submit(statement);
      }
      writer.finish();
    } catch (RuntimeException e) {
      throw Failures.translate(e, "add " + items.size() + " vectors", settings);
    }
  }

  private BoundStatement insertStatement(String id, float[] vector) {
    Objects.requireNonNull(id, "id");
    float[] prepared = VectorChecks.prepare(vector, dimension(), metric(), "vector");
    Similarity.checkSupported(prepared, metric(), "vector of '" + id + "'");
    return insert
        .bind()
        .setString(0, id)
        .set(1, prepared, vectorCodec)
        .setConsistencyLevel(settings.writeConsistency())
        .setIdempotent(true);
  }

  /**
   * Deletes the row of {@code id} at the write consistency level, if a read at the read
   * consistency level finds it.
   *
   * @throws CassandraIndexException if the read or the delete fails
   */
  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    if (!contains(id)) {
      return false;
    }
    try {
      BoundedWriter.execute(
          session,
          delete.bind(id).setConsistencyLevel(settings.writeConsistency()).setIdempotent(true));
      return true;
    } catch (RuntimeException e) {
      throw Failures.translate(e, "remove '" + id + "'", settings);
    }
  }

  /** @throws CassandraIndexException if the read fails */
  @Override
  public boolean contains(String id) {
    return vector(id).isPresent();
  }

  /** @throws CassandraIndexException if the read fails */
  @Override
  public Optional<float[]> vector(String id) {
    Objects.requireNonNull(id, "id");
    try {
      Row row =
          read(select.bind(id).setConsistencyLevel(settings.readConsistency()).setIdempotent(true))
              .one();
      return row == null ? Optional.empty() : Optional.ofNullable(row.get(0, vectorCodec));
    } catch (RuntimeException e) {
      throw Failures.translate(e, "read '" + id + "'", settings);
    }
  }

  /**
   * @throws IllegalArgumentException as {@link VectorIndex#search} does, and (inner product) if
   *     the query is not of unit length
   * @throws CassandraIndexException if the search fails
   */
  @Override
  public SearchResult search(float[] query, int k, Predicate<String> filter) {
    VectorChecks.checkK(k);
    float[] prepared = VectorChecks.prepare(query, dimension(), metric(), "query");
    Similarity.checkSupported(prepared, metric(), "query");
    try {
      return new Searcher(this, prepared, k, filter).run();
    } catch (RuntimeException e) {
      throw Failures.translate(e, "search", settings);
    }
  }

  /** One ANN query: the {@code limit} nearest rows, as Cassandra ranks them. */
  ResultSet nearest(float[] query, int limit) {
    return read(
        ann.bind()
            .set(0, query, vectorCodec)
            .setInt(1, limit)
            .setPageSize(Math.max(limit, 100))
            .setConsistencyLevel(settings.readConsistency())
            .setIdempotent(true));
  }

  /** Every row of the table, page by page. */
  ResultSet all() {
    return read(
        SimpleStatement.newInstance("SELECT id, vector FROM " + settings.qualifiedTable())
            .setPageSize(500)
            .setConsistencyLevel(settings.readConsistency())
            .setIdempotent(true));
  }

  /**
   * Runs a read, sending it again while the replicas time out, for up to {@value
   * #READ_RETRY_TIMEOUTS} request timeouts in all. A node that has just died is still chosen as a
   * replica until the others' failure detector convicts it (10-20 s on the test machine); range
   * and ANN reads sent to it time out meanwhile, and the driver's default policy does not retry
   * them.
   */
  private ResultSet read(Statement<?> statement) {
    long deadline =
        System.nanoTime() + settings.requestTimeout().toNanos() * READ_RETRY_TIMEOUTS;
    while (true) {
      try {
        return session.execute(statement);
      } catch (ReadTimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  TypeCodec<float[]> vectorCodec() {
    return vectorCodec;
  }

  /**
   * Writes a descriptor of this index (where its table is, not its vectors) to {@code file},
   * atomically; {@link #open(Path)} reconnects from it.
   *
   * @throws IOException if the file cannot be written; the previous file is then left in place
   */
  @Override
  public void save(Path file) throws IOException {
    Descriptor.write(file, settings);
  }

  /** Closes the driver session (its connections and threads); the table stays. */
  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return "CassandraIndex[" + settings.dimension() + "-d " + settings.metric() + ", "
        + settings.where() + "]";
  }
}
