package dev.visualsearch.index.hnsw;

import java.util.Arrays;

/**
 * The adjacency lists of an HNSW graph in flat {@code int} arrays: no list objects, no boxing.
 *
 * <p>Layer 0, where every node lives and searches spend their time, is one array with a fixed
 * record of {@code maxConn0 + 1} ints per node — the neighbour count, then the neighbours — so
 * a node's list sits at {@code node × (maxConn0 + 1)} without a pointer chase. The upper layers
 * hold about one node in {@code M}; each such node has one array of {@code level} records of
 * {@code maxConnUpper + 1} ints, and the others a {@code null}.
 *
 * <p>The entry point and top layer are one volatile value, read by concurrent builders without a
 * lock and changed by {@link NodeInserter} under its entry lock.
 *
 * <p>Not thread-safe for writes: single writers hold the index's write lock; concurrent builders
 * lock each node (see {@link NodeLocks}) around every read and write of its lists.
 */
final class HeapGraph implements GraphView {

  private final int maxConn0;
  private final int maxConnUpper;
  private final int stride0;
  private final int strideUpper;
  private int[] level0;
  private int[][] upper;
  private int size;
  /** The entry point in the upper 32 bits and the top layer in the lower, or -1 for none. */
  private volatile long entry = -1;

  HeapGraph(int maxConn0, int maxConnUpper, int capacity) {
    this.maxConn0 = maxConn0;
    this.maxConnUpper = maxConnUpper;
    this.stride0 = maxConn0 + 1;
    this.strideUpper = maxConnUpper + 1;
    int nodes = Math.max(capacity, 1);
    level0 = new int[Math.multiplyExact(nodes, stride0)];
    upper = new int[nodes][];
  }

  /** A heap copy of {@code source}, with its connection limits: how a mapped index becomes writable. */
  static HeapGraph copyOf(GraphView source) {
    HeapGraph copy =
        new HeapGraph(source.maxConnections(0), source.maxConnections(1), source.size());
    int[] buffer = new int[Math.max(copy.maxConn0, copy.maxConnUpper)];
    for (int node = 0; node < source.size(); node++) {
      int level = source.level(node);
      copy.addNode(level);
      for (int l = 0; l <= level; l++) {
        copy.setNeighbours(node, l, buffer, source.neighbours(node, l, buffer));
      }
    }
    if (source.entryPoint() >= 0) {
      copy.setEntry(source.entryPoint(), source.maxLevel());
    }
    return copy;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int entryPoint() {
    long current = entry;
    return current < 0 ? -1 : (int) (current >>> 32);
  }

  @Override
  public int maxLevel() {
    long current = entry;
    return current < 0 ? -1 : (int) current;
  }

  /** The entry point and top layer read together, packed as {@link #setEntry} stores them. */
  long entry() {
    return entry;
  }

  /** Makes {@code node}, on layers up to {@code level}, the entry point. */
  void setEntry(int node, int level) {
    entry = ((long) node << 32) | level;
  }

  /** Empties the graph's entry point (all nodes are gone). */
  void clearEntry() {
    entry = -1;
  }

  @Override
  public int level(int node) {
    int[] lists = upper[node];
    return lists == null ? 0 : lists.length / strideUpper;
  }

  @Override
  public int maxConnections(int level) {
    return level == 0 ? maxConn0 : maxConnUpper;
  }

  /** Makes room for {@code nodes} nodes in all. */
  void ensureCapacity(int nodes) {
    if (nodes > upper.length) {
      int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(nodes, upper.length * 3L / 2 + 16));
      level0 = Arrays.copyOf(level0, Math.multiplyExact(grown, stride0));
      upper = Arrays.copyOf(upper, grown);
    }
  }

  /** Adds a node without neighbours on layers {@code 0..level} and returns it. */
  int addNode(int level) {
    ensureCapacity(size + 1);
    int node = size++;
    level0[node * stride0] = 0;
    upper[node] = level == 0 ? null : new int[level * strideUpper];
    return node;
  }

  @Override
  public int neighbours(int node, int level, int[] target) {
    int[] lists;
    int base;
    if (level == 0) {
      lists = level0;
      base = node * stride0;
    } else {
      lists = upper[node];
      base = (level - 1) * strideUpper;
    }
    int count = lists[base];
    System.arraycopy(lists, base + 1, target, 0, count);
    return count;
  }

  /** The number of neighbours of {@code node} on {@code level}. */
  int count(int node, int level) {
    return level == 0 ? level0[node * stride0] : upper[node][(level - 1) * strideUpper];
  }

  /** Replaces the neighbours of {@code node} on {@code level} with {@code source[0..count)}. */
  void setNeighbours(int node, int level, int[] source, int count) {
    int[] lists;
    int base;
    if (level == 0) {
      lists = level0;
      base = node * stride0;
    } else {
      lists = upper[node];
      base = (level - 1) * strideUpper;
    }
    System.arraycopy(source, 0, lists, base + 1, count);
    // Clear the rest, so that a saved graph does not depend on what a longer list left behind.
    Arrays.fill(lists, base + 1 + count, base + 1 + maxConnections(level), 0);
    lists[base] = count;
  }

  /**
   * Appends {@code neighbour} to the list of {@code node} on {@code level} if the list has room.
   *
   * @return whether it had
   */
  boolean tryAppend(int node, int level, int neighbour) {
    int[] lists;
    int base;
    if (level == 0) {
      lists = level0;
      base = node * stride0;
    } else {
      lists = upper[node];
      base = (level - 1) * strideUpper;
    }
    int count = lists[base];
    if (count == maxConnections(level)) {
      return false;
    }
    lists[base + 1 + count] = neighbour;
    lists[base] = count + 1;
    return true;
  }

  /**
   * Keeps only the nodes {@code kept[0..count)} (ascending), renumbering each to its position in
   * {@code kept}; {@code newNumber[old]} gives the new number of every kept node. Lists must no
   * longer name nodes that are not kept.
   */
  void retain(int[] kept, int count, int[] newNumber) {
    for (int i = 0; i < count; i++) {
      int old = kept[i];
      int from = old * stride0;
      int to = i * stride0;
      int neighbours = level0[from];
      level0[to] = neighbours;
      for (int j = 1; j <= neighbours; j++) {
        level0[to + j] = newNumber[level0[from + j]];
      }
      Arrays.fill(level0, to + 1 + neighbours, to + stride0, 0);
      int[] lists = upper[old];
      upper[i] = lists;
      if (lists != null) {
        for (int base = 0; base < lists.length; base += strideUpper) {
          for (int j = 1; j <= lists[base]; j++) {
            lists[base + j] = newNumber[lists[base + j]];
          }
        }
      }
    }
    Arrays.fill(upper, count, size, null);
    size = count;
  }

  @Override
  public long bytes() {
    // Arrays: 16-byte header; references: 4 bytes with compressed oops (heaps under 32 GB).
    long bytes = 16 + (long) level0.length * Integer.BYTES + 16 + (long) upper.length * 4;
    for (int node = 0; node < size; node++) {
      if (upper[node] != null) {
        bytes += 16 + (long) upper[node].length * Integer.BYTES;
      }
    }
    return bytes;
  }
}
