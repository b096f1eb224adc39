package dev.visualsearch.index.hnsw;

import java.util.BitSet;

/**
 * Makes every node reachable from the entry point on every layer it is on. Pruning can take away
 * all links into a node — often with inner product, where a vector of small norm is nobody's
 * best neighbour — and a node no search can reach is never returned, whatever {@code efSearch}.
 * Lucene's builder connects such components too.
 *
 * <p>For each layer, a breadth-first walk from the entry point marks what is reachable; each node
 * left unmarked gets a link from the best reachable node that still has room in its list (found
 * by a beam search restricted to such nodes, or a scan if the beam finds none), and whatever that
 * node reaches is marked in turn. Nodes are visited in node order, on one thread, so the result
 * is reproducible.
 *
 * <p>Stateless and thread-safe; the caller holds the index's write lock.
 */
final class GraphConnectivity {

  private GraphConnectivity() {}

  /**
   * Links unreachable nodes into the graph and returns how many links were added.
   *
   * @param efConstruction the beam width of the search for a node to link from
   */
  static int connect(HeapGraph graph, HeapVectors vectors, int efConstruction, SearchScratch scratch) {
    int added = 0;
    int size = graph.size();
    if (size < 2) {
      return 0;
    }
    int[] queue = new int[size];
    for (int level = graph.maxLevel(); level >= 0; level--) {
      BitSet reached = new BitSet(size);
      reach(graph, graph.entryPoint(), level, reached, queue);
      for (int node = 0; node < size; node++) {
        if (graph.level(node) < level || reached.get(node)) {
          continue;
        }
        int from = bestWithRoom(graph, vectors, node, level, reached, efConstruction, scratch);
        if (from >= 0 && graph.tryAppend(from, level, node)) {
          added++;
          reach(graph, node, level, reached, queue);
        }
      }
    }
    return added;
  }

  /** Marks {@code start} and every node reachable from it on {@code level}. */
  private static void reach(HeapGraph graph, int start, int level, BitSet reached, int[] queue) {
    if (reached.get(start)) {
      return;
    }
    int[] neighbours = new int[graph.maxConnections(level)];
    int head = 0;
    int tail = 0;
    reached.set(start);
    queue[tail++] = start;
    while (head < tail) {
      int count = graph.neighbours(queue[head++], level, neighbours);
      for (int i = 0; i < count; i++) {
        int next = neighbours[i];
        if (!reached.get(next)) {
          reached.set(next);
          queue[tail++] = next;
        }
      }
    }
  }

  /** The reachable node on {@code level} with room for one more link that is best for {@code node}. */
  private static int bestWithRoom(
      HeapGraph graph,
      HeapVectors vectors,
      int node,
      int level,
      BitSet reached,
      int efConstruction,
      SearchScratch scratch) {
    int max = graph.maxConnections(level);
    NodeAcceptor hasRoom = other -> reached.get(other) && graph.count(other, level) < max;
    float[] query = scratch.query;
    vectors.copyTo(node, query, 0);
    int entry = graph.entryPoint();
    long best = ScoredNode.encode(vectors.score(query, entry, scratch.vector), entry);
    for (int l = graph.maxLevel(); l > level; l--) {
      best = LayerSearch.greedy(query, best, l, graph, vectors, scratch, null);
    }
    long[] entries = scratch.keys(1);
    entries[0] = best;
    LayerSearch.beam(
        query, entries, 1, level, efConstruction, hasRoom, Integer.MAX_VALUE, graph, vectors,
        scratch, null);
    if (!scratch.results.isEmpty()) {
      long[] found = scratch.keys(scratch.results.size());
      scratch.results.drainDescending(found);
      return ScoredNode.node(found[0]);
    }
    // Every node the beam reached is full: take the best of all reachable nodes with room.
    long bestKey = Long.MIN_VALUE;
    for (int other = reached.nextSetBit(0); other >= 0; other = reached.nextSetBit(other + 1)) {
      if (graph.level(other) >= level && graph.count(other, level) < max) {
        bestKey = Math.max(bestKey, ScoredNode.encode(vectors.scoreBetween(node, other), other));
      }
    }
    return bestKey == Long.MIN_VALUE ? -1 : ScoredNode.node(bestKey);
  }
}
