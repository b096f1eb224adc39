/**
 * A {@link dev.visualsearch.VectorIndex} on Apache Cassandra 5 vector search: vectors live in a
 * Cassandra table with a {@code vector<float, D>} column and a storage-attached index (SAI) that
 * answers approximate nearest-neighbour queries; replication and sharding are Cassandra's. Start
 * at {@link dev.visualsearch.index.cassandra.CassandraIndex#builder}.
 */
package dev.visualsearch.index.cassandra;
