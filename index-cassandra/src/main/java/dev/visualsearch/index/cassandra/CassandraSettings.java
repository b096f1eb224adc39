package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import dev.visualsearch.Metric;
import java.time.Duration;
import java.util.List;

/**
 * Everything an index needs to reach its table: what the builder collected, and what a saved
 * descriptor restores.
 */
record CassandraSettings(
    int dimension,
    Metric metric,
    List<String> contactPoints,
    String localDatacenter,
    String keyspace,
    String table,
    Replication replication,
    ConsistencyLevel readConsistency,
    ConsistencyLevel writeConsistency,
    Duration requestTimeout,
    int maxConcurrentWrites,
    boolean createSchema) {

  CassandraSettings {
    contactPoints = List.copyOf(contactPoints);
  }

  /** {@code keyspace.table}, for CQL and for messages. */
  String qualifiedTable() {
    return keyspace + "." + table;
  }

  /** Names the table and where it lives, for messages. */
  String where() {
    return qualifiedTable() + " at " + contactPoints;
  }
}
