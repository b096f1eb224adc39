package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.visualsearch.Metric;
import dev.visualsearch.vector.VectorChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configures a {@link CassandraIndex}; obtained from {@link CassandraIndex#builder(int, Metric)}.
 * Every setter checks its value at once and documents its default; {@link #build()} connects.
 *
 * <p>Not thread-safe: configure a builder on one thread.
 */
public final class CassandraIndexBuilder {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+(:\\d{1,5})?");

  private final int dimension;
  private final Metric metric;
  private List<String> contactPoints = List.of("127.0.0.1:9042");
  private String localDatacenter = "datacenter1";
  private String keyspace = "visualsearch";
  private String table = "vectors";
  private Replication replication = Replication.simple(1);
  private ConsistencyLevel readConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
  private ConsistencyLevel writeConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
  private Duration requestTimeout = Duration.ofSeconds(10);
  private int maxConcurrentWrites = 32;
  private boolean createSchema = true;

  CassandraIndexBuilder(int dimension, Metric metric) {
    VectorChecks.checkDimension(dimension);
    this.dimension = dimension;
    this.metric = Objects.requireNonNull(metric, "metric");
  }

  /**
   * The nodes the driver first connects to, as {@code host:port} ({@code host} alone means port
   * 9042; a host name or an IPv4 address, not an IPv6 literal); it discovers the rest of the ring
   * from them. If unset, {@code 127.0.0.1:9042}.
   *
   * @throws IllegalArgumentException if the list is empty or an entry is not {@code host[:port]}
   */
  public CassandraIndexBuilder contactPoints(List<String> hostPorts) {
    Objects.requireNonNull(hostPorts, "hostPorts");
    if (hostPorts.isEmpty()) {
      throw new IllegalArgumentException("at least one contact point is needed");
    }
    List<String> checked = new ArrayList<>();
    for (String hostPort : hostPorts) {
      Objects.requireNonNull(hostPort, "contact point");
      String trimmed = hostPort.strip();
      if (!HOST_PORT.matcher(trimmed).matches()) {
        throw new IllegalArgumentException("contact point must be host[:port]: '" + hostPort + "'");
      }
      checked.add(trimmed.contains(":") ? trimmed : trimmed + ":9042");
    }
    this.contactPoints = List.copyOf(checked);
    return this;
  }

  /** The contact points as one comma-separated string, e.g. {@code "10.0.0.1:9042,10.0.0.2"}. */
  public CassandraIndexBuilder contactPoints(String commaSeparated) {
    Objects.requireNonNull(commaSeparated, "contact points");
    return contactPoints(List.of(commaSeparated.split(",")));
  }

  /**
   * The datacenter whose nodes coordinate this index's requests (the driver's load balancing only
   * uses local nodes). If unset, {@code datacenter1}, the name of a default single-datacenter
   * cluster.
   */
  public CassandraIndexBuilder localDatacenter(String datacenter) {
    Objects.requireNonNull(datacenter, "datacenter");
    if (datacenter.isBlank()) {
      throw new IllegalArgumentException("local datacenter must not be blank");
    }
    this.localDatacenter = datacenter;
    return this;
  }

  /**
   * The keyspace of the table; created if missing (see {@link #replication}). If unset, {@code
   * visualsearch}.
   *
   * @throws IllegalArgumentException unless it is a lower-case CQL identifier of at most 48
   *     characters
   */
  public CassandraIndexBuilder keyspace(String keyspace) {
    this.keyspace = identifier(keyspace, "keyspace");
    return this;
  }

  /**
   * The table holding the vectors; created if missing. If unset, {@code vectors}.
   *
   * @throws IllegalArgumentException unless it is a lower-case CQL identifier of at most 48
   *     characters
   */
  public CassandraIndexBuilder table(String table) {
    this.table = identifier(table, "table");
    return this;
  }

  /**
   * The replication of the keyspace, if this index creates it. If unset, {@code
   * Replication.simple(1)}: one copy, for a single node.
   */
  public CassandraIndexBuilder replication(Replication replication) {
    this.replication = Objects.requireNonNull(replication, "replication");
    return this;
  }

  /**
   * The consistency level of reads and searches. If unset, {@code LOCAL_QUORUM}: together with
   * quorum writes a read sees every acknowledged write while a minority of replicas is down.
   * {@code ONE} answers with a single live replica, and may miss writes that replica has not yet
   * received.
   */
  public CassandraIndexBuilder readConsistency(ConsistencyLevel level) {
    this.readConsistency = Objects.requireNonNull(level, "read consistency");
    return this;
  }

  /** The consistency level of writes and deletes. If unset, {@code LOCAL_QUORUM}. */
  public CassandraIndexBuilder writeConsistency(ConsistencyLevel level) {
    this.writeConsistency = Objects.requireNonNull(level, "write consistency");
    return this;
  }

  /**
   * How long one request may take before it fails (idempotent requests are retried by the
   * driver's retry policy first). If unset, 10 seconds.
   *
   * @throws IllegalArgumentException if not positive
   */
  public CassandraIndexBuilder requestTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive: " + timeout);
    }
    this.requestTimeout = timeout;
    return this;
  }

  /**
   * How many writes {@link CassandraIndex#addAll} keeps in flight at once. If unset, 32.
   *
   * @throws IllegalArgumentException if below 1 or above 1024
   */
  public CassandraIndexBuilder maxConcurrentWrites(int writes) {
    if (writes < 1 || writes > 1024) {
      throw new IllegalArgumentException("max concurrent writes must be in [1, 1024]: " + writes);
    }
    this.maxConcurrentWrites = writes;
    return this;
  }

  /**
   * Whether {@link #build()} creates the keyspace, table and vector index when they are missing
   * (with {@code IF NOT EXISTS}, so concurrent builders agree). If unset, {@code true}. Either way
   * an existing table must have a {@code vector<float, D>} column of this index's dimension.
   */
  public CassandraIndexBuilder createSchema(boolean create) {
    this.createSchema = create;
    return this;
  }

  /**
   * Connects to the cluster, creates the schema if asked to, and checks that the table fits.
   *
   * @throws CassandraIndexException if no contact point answers, the schema cannot be created, or
   *     the existing table has another dimension or vector index similarity; the message names
   *     the hosts and the reason
   */
  public CassandraIndex build() {
    return CassandraIndex.connect(settings());
  }

  CassandraSettings settings() {
    return new CassandraSettings(
        dimension,
        metric,
        contactPoints,
        localDatacenter,
        keyspace,
        table,
        replication,
        readConsistency,
        writeConsistency,
        requestTimeout,
        maxConcurrentWrites,
        createSchema);
  }

  private static String identifier(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be a lower-case CQL identifier ([a-z][a-z0-9_]*, at most 48 characters): '"
              + value + "'");
    }
    return value;
  }
}
