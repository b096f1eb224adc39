package dev.visualsearch.index.cassandra;

/**
 * A request to the Cassandra cluster failed: no node answered, too few replicas were alive for the
 * consistency level, a request timed out, or the schema does not fit the index. The message names
 * the keyspace and table, the contact points or the node, and the reason; the cause is the
 * driver's exception.
 *
 * <p>Immutable and thread-safe.
 */
public final class CassandraIndexException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CassandraIndexException(String message, Throwable cause) {
    super(message, cause);
  }

  CassandraIndexException(String message) {
    super(message);
  }
}
