package dev.visualsearch.index.hnsw;

/**
 * Striped monitors guarding the adjacency lists of a graph while several threads build it: a
 * thread holds the monitor of a node while it reads or rewrites that node's lists, and never
 * holds two at once, so the locks cannot deadlock. Striping (node modulo a power of two) bounds
 * the memory to a fixed number of monitors; two nodes sharing a stripe only wait on each other.
 *
 * <p>Thread-safe.
 */
final class NodeLocks {

  private static final int STRIPES = 4096;

  private final Object[] monitors = new Object[STRIPES];

  NodeLocks() {
    for (int i = 0; i < STRIPES; i++) {
      monitors[i] = new Object();
    }
  }

  /** The monitor guarding the lists of {@code node}. */
  Object of(int node) {
    return monitors[node & (STRIPES - 1)];
  }
}
