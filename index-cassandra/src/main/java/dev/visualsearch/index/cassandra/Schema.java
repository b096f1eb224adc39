package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.Map;

/**
 * Creates and checks an index's schema: the keyspace, the table {@code (id text PRIMARY KEY,
 * vector vector<float, D>)} and the storage-attached index on its vector column, whose {@code
 * similarity_function} comes from the metric ({@link Similarity}).
 *
 * <p>Stateless and thread-safe.
 */
final class Schema {

  private Schema() {}

  static String indexName(CassandraSettings settings) {
    return settings.table() + "_vector_sai";
  }

  /** Creates what is missing, with {@code IF NOT EXISTS}; waits for schema agreement. */
  static void create(CqlSession session, CassandraSettings settings) {
    execute(
        session,
        settings,
        "CREATE KEYSPACE IF NOT EXISTS " + settings.keyspace() + " WITH replication = "
            + settings.replication().cql());
    execute(
        session,
        settings,
        "CREATE TABLE IF NOT EXISTS " + settings.qualifiedTable()
            + " (id text PRIMARY KEY, vector vector<float, " + settings.dimension() + ">)");
    execute(
        session,
        settings,
        "CREATE INDEX IF NOT EXISTS " + indexName(settings) + " ON " + settings.qualifiedTable()
            + " (vector) USING 'sai' WITH OPTIONS = {'similarity_function': '"
            + Similarity.function(settings.metric()) + "'}");
  }

  /**
   * Checks that the table exists with a vector column of the index's dimension and a vector index
   * of its similarity function.
   *
   * @throws CassandraIndexException naming what differs
   */
  static void check(CqlSession session, CassandraSettings settings) {
    Row column =
        session
            .execute(
                SimpleStatement.newInstance(
                    "SELECT type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?"
                        + " AND column_name = 'vector'",
                    settings.keyspace(),
                    settings.table()))
            .one();
    if (column == null) {
      throw new CassandraIndexException(
          "table " + settings.where() + " does not exist or has no column 'vector'");
    }
    String expected = "vector<float, " + settings.dimension() + ">";
    if (!expected.equals(column.getString("type"))) {
      throw new CassandraIndexException(
          "table " + settings.where() + " has column vector of type " + column.getString("type")
              + ", not " + expected + " as this " + settings.dimension() + "-d index needs");
    }
    Row index =
        session
            .execute(
                SimpleStatement.newInstance(
                    "SELECT options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?"
                        + " AND index_name = ?",
                    settings.keyspace(),
                    settings.table(),
                    indexName(settings)))
            .one();
    if (index == null) {
      throw new CassandraIndexException(
          "table " + settings.where() + " has no vector index " + indexName(settings));
    }
    Map<String, String> options = index.getMap("options", String.class, String.class);
    String similarity = options.getOrDefault("similarity_function", "cosine");
    if (!similarity.equalsIgnoreCase(Similarity.function(settings.metric()))) {
      throw new CassandraIndexException(
          "vector index " + indexName(settings) + " of " + settings.where() + " uses similarity "
              + similarity + ", but this index's metric " + settings.metric() + " needs "
              + Similarity.function(settings.metric()));
    }
  }

  private static void execute(CqlSession session, CassandraSettings settings, String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(settings.requestTimeout().multipliedBy(3)));
  }
}
