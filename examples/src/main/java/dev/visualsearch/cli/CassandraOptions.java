package dev.visualsearch.cli;

import dev.visualsearch.CollectionInfo;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.index.cassandra.CassandraIndex;
import dev.visualsearch.index.cassandra.CassandraIndexBuilder;
import dev.visualsearch.index.cassandra.Replication;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * Where the vectors of a collection of kind {@code cassandra} live: {@code --cassandra
 * host:port[,...] --keyspace K}. The collection directory keeps the catalogue and a descriptor of
 * the table; the vectors stay in the cluster.
 */
final class CassandraOptions {

  static final String KIND = "cassandra";

  @Option(
      names = "--cassandra",
      paramLabel = "HOST:PORT[,...]",
      description = {
        "Keep the vectors in Apache Cassandra 5 (vector search), reached through these contact"
            + " points. For index: a new collection is of kind cassandra. For the other commands:"
            + " connect here instead of the contact points saved with the collection."
      })
  String contactPoints;

  @Option(names = "--keyspace", paramLabel = "K", description = "The keyspace (default: visualsearch).")
  String keyspace;

  @Option(names = "--table", paramLabel = "T", description = "The table (default: vectors).")
  String table;

  @Option(
      names = "--datacenter",
      paramLabel = "DC",
      description = "The local datacenter of the driver (default: datacenter1).")
  String datacenter;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      description = "SimpleStrategy replication factor of a keyspace created now (default: 1).")
  Integer replicationFactor;

  boolean requested() {
    return contactPoints != null;
  }

  /** The factory of the collection described by {@code info}: its kind's, with these options. */
  VectorIndexFactory factoryFor(CollectionInfo info) {
    if (!requested()) {
      checkNoOtherOption();
      return IndexKinds.factory(info.indexKind());
    }
    if (!KIND.equalsIgnoreCase(info.indexKind())) {
      throw new IllegalArgumentException(
          "--cassandra given, but the collection's vectors are in a " + info.indexKind() + " index");
    }
    return factory();
  }

  /** The factory these options configure. */
  VectorIndexFactory factory() {
    UnaryOperator<CassandraIndexBuilder> configure =
        builder -> {
          builder.contactPoints(contactPoints);
          if (keyspace != null) {
            builder.keyspace(keyspace);
          }
          if (table != null) {
            builder.table(table);
          }
          if (datacenter != null) {
            builder.localDatacenter(datacenter);
          }
          if (replicationFactor != null) {
            builder.replication(Replication.simple(replicationFactor));
          }
          return builder;
        };
    return CassandraIndex.factory(configure);
  }

  /** @throws IllegalArgumentException if a Cassandra option is given without --cassandra */
  void checkNoOtherOption() {
    if (keyspace != null || table != null || datacenter != null || replicationFactor != null) {
      throw new IllegalArgumentException(
          "--keyspace, --table, --datacenter and --replication-factor need --cassandra");
    }
  }
}
