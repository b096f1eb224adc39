package dev.visualsearch.index.hnsw;

import dev.visualsearch.Metric;

/**
 * The validated settings of an {@link HnswIndex}. {@code maxConn0} is {@code 2·m}: layer 0 holds
 * every node and carries every search to its end, so it gets twice the links of the upper layers,
 * as in the HNSW paper, hnswlib and Lucene.
 *
 * <p>Immutable and thread-safe.
 */
record HnswParams(
    int dimension,
    Metric metric,
    int m,
    int efConstruction,
    int efSearch,
    long seed,
    int buildThreads) {

  /** The most neighbours of a node on layer 0. */
  int maxConn0() {
    return 2 * m;
  }

  /** The most neighbours of a node on each layer above 0. */
  int maxConnUpper() {
    return m;
  }
}
