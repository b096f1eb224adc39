package dev.visualsearch.index.hnsw;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Lends {@link SearchScratch} objects to searching threads. A pool rather than a {@code
 * ThreadLocal}: the scratch of an index dies with the index instead of staying attached to every
 * long-lived thread that ever searched it, and the pool holds no more scratches than searches
 * once ran at the same time.
 *
 * <p>Thread-safe.
 */
final class ScratchPool {

  private final ConcurrentLinkedQueue<SearchScratch> idle = new ConcurrentLinkedQueue<>();
  private final int dimension;
  private final int maxConnections;

  ScratchPool(int dimension, int maxConnections) {
    this.dimension = dimension;
    this.maxConnections = maxConnections;
  }

  /** A scratch no other thread uses until it is {@link #release released}. */
  SearchScratch acquire() {
    SearchScratch scratch = idle.poll();
    return scratch != null ? scratch : new SearchScratch(dimension, maxConnections);
  }

  void release(SearchScratch scratch) {
    idle.offer(scratch);
  }
}
