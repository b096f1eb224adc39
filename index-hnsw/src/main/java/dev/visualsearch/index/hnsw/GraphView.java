package dev.visualsearch.index.hnsw;

/**
 * Read access to the layers of an HNSW graph: nodes {@code [0, size())}, node {@code i} present
 * on layers {@code 0..level(i)}, each with a list of out-neighbours on each of its layers, and an
 * entry point on the top layer.
 *
 * <p>Implementations keep the lists on the heap ({@link HeapGraph}) or layer 0 in a mapped file
 * ({@link MappedGraph}). Reads are thread-safe while nothing writes.
 */
interface GraphView {

  /** The number of nodes, deleted ones included. */
  int size();

  /** The node searches start from, on the top layer; -1 when the graph is empty. */
  int entryPoint();

  /** The top layer, the entry point's level; -1 when the graph is empty. */
  int maxLevel();

  /** The highest layer {@code node} is on. */
  int level(int node);

  /** The most neighbours a node may have on {@code level}. */
  int maxConnections(int level);

  /**
   * Copies the neighbours of {@code node} on {@code level} into {@code target} and returns how
   * many there are; {@code target} must hold {@link #maxConnections} of them.
   */
  int neighbours(int node, int level, int[] target);

  /** The bytes the adjacency lists take on the heap or in the mapped file. */
  long bytes();
}
