package dev.visualsearch.index.hnsw;

import java.util.Arrays;

/**
 * Inserts one node into a {@link HeapGraph} (HNSW paper, algorithm 1): a greedy descent from the
 * entry point to the node's top layer, then on each of its layers a beam search of width {@code
 * efConstruction}, the {@link NeighbourSelector diversity heuristic} to choose its neighbours, and
 * a link back from each neighbour, pruning the neighbour's list with the same heuristic when it is
 * full.
 *
 * <p>The node's vector and layers must be in place before {@link #insert} is called. Without
 * {@link NodeLocks} an inserter is for one thread, and a sequence of insertions gives the same
 * graph bit for bit on every run. With them several threads insert at once: each list is read
 * and written under its node's monitor, and a node that raises the top layer is connected under
 * the entry lock before it becomes the entry point, so that no search starts from a node not yet
 * linked into the layers below, and two such nodes cannot both take the place.
 *
 * <p>Thread-safe when built with locks; otherwise for one thread.
 */
final class NodeInserter {

  private final HeapGraph graph;
  private final HeapVectors vectors;
  private final NodeLocks locks;
  private final int efConstruction;
  private final int newNodeMaxConn0;
  private final Object entryLock = new Object();

  /**
   * @param locks the node monitors for a concurrent build, or {@code null} for one thread
   * @param newNodeMaxConn0 the most neighbours a new node chooses on layer 0 (its list may grow
   *     to the graph's limit through links from later nodes)
   */
  NodeInserter(
      HeapGraph graph, HeapVectors vectors, NodeLocks locks, int efConstruction, int newNodeMaxConn0) {
    this.graph = graph;
    this.vectors = vectors;
    this.locks = locks;
    this.efConstruction = efConstruction;
    this.newNodeMaxConn0 = newNodeMaxConn0;
  }

  /** Connects {@code node}, whose vector and layers are in place, to the graph. */
  void insert(int node, SearchScratch scratch) {
    float[] query = scratch.query;
    vectors.copyTo(node, query, 0);
    int level = graph.level(node);
    long entry = graph.entry();
    if (entry < 0 || level > (int) entry) {
      synchronized (entryLock) {
        entry = graph.entry();
        if (entry < 0) {
          graph.setEntry(node, level);
          return;
        }
        if (level > (int) entry) {
          connect(node, level, query, entry, scratch);
          graph.setEntry(node, level);
          return;
        }
      }
    }
    connect(node, level, query, entry, scratch);
  }

  private void connect(int node, int level, float[] query, long entry, SearchScratch scratch) {
    int entryNode = (int) (entry >>> 32);
    int top = (int) entry;
    long best = ScoredNode.encode(vectors.score(query, entryNode, scratch.vector), entryNode);
    for (int l = top; l > level; l--) {
      best = LayerSearch.greedy(query, best, l, graph, vectors, scratch, locks);
    }
    long[] entries = scratch.keys(1);
    entries[0] = best;
    int entryCount = 1;
    for (int l = Math.min(level, top); l >= 0; l--) {
      LayerSearch.beam(
          query, entries, entryCount, l, efConstruction, null, Integer.MAX_VALUE, graph, vectors,
          scratch, locks);
      entries = scratch.keys(scratch.results.size());
      entryCount = scratch.results.drainDescending(entries);
      linkLevel(node, l, entries, entryCount, scratch);
      // The nodes found on this layer are also on the next one down: start there from them all.
    }
  }

  /**
   * Chooses the neighbours of {@code node} on {@code level} among {@code candidates} (keys scored
   * against the node, best first), sets them, and links each back to the node.
   */
  void linkLevel(int node, int level, long[] candidates, int count, SearchScratch scratch) {
    int max = level == 0 ? newNodeMaxConn0 : graph.maxConnections(level);
    long[] selected = scratch.selected;
    int chosen = NeighbourSelector.select(candidates, count, max, node, vectors, selected);
    if (locks == null) {
      setOwnNeighbours(node, level, selected, chosen, scratch);
    } else {
      synchronized (locks.of(node)) {
        setOwnNeighbours(node, level, selected, chosen, scratch);
      }
    }
    for (int i = 0; i < chosen; i++) {
      link(ScoredNode.node(selected[i]), node, level, ScoredNode.score(selected[i]), scratch);
    }
  }

  /**
   * Sets the chosen neighbours of {@code node}. In a concurrent build another thread may already
   * have linked its own new node into this list (it reached the node through a layer above while
   * this insertion was still searching lower down); those links are kept as candidates rather
   * than overwritten, so that no thread's work is lost.
   */
  private void setOwnNeighbours(
      int node, int level, long[] selected, int chosen, SearchScratch scratch) {
    int[] links = scratch.links;
    int existing = graph.neighbours(node, level, links);
    if (existing == 0) {
      for (int i = 0; i < chosen; i++) {
        links[i] = ScoredNode.node(selected[i]);
      }
      graph.setNeighbours(node, level, links, chosen);
      return;
    }
    long[] merged = scratch.merged;
    int count = 0;
    for (int i = 0; i < chosen; i++) {
      merged[count++] = selected[i];
    }
    for (int i = 0; i < existing; i++) {
      boolean known = false;
      for (int j = 0; j < chosen && !known; j++) {
        known = ScoredNode.node(selected[j]) == links[i];
      }
      if (!known) {
        merged[count++] = ScoredNode.encode(vectors.scoreBetween(node, links[i]), links[i]);
      }
    }
    sortDescending(merged, count);
    long[] kept = scratch.pruned;
    int keptCount =
        NeighbourSelector.select(merged, count, graph.maxConnections(level), node, vectors, kept);
    for (int i = 0; i < keptCount; i++) {
      links[i] = ScoredNode.node(kept[i]);
    }
    graph.setNeighbours(node, level, links, keptCount);
  }

  /** The width of the beam searches that find a new node's neighbours. */
  int efConstruction() {
    return efConstruction;
  }

  /** Adds {@code node} to the list of {@code neighbour} on {@code level}; {@code score} is theirs. */
  private void link(int neighbour, int node, int level, float score, SearchScratch scratch) {
    if (locks == null) {
      linkLocked(neighbour, node, level, score, scratch);
    } else {
      synchronized (locks.of(neighbour)) {
        linkLocked(neighbour, node, level, score, scratch);
      }
    }
  }

  private void linkLocked(int neighbour, int node, int level, float score, SearchScratch scratch) {
    int[] links = scratch.links;
    int count = graph.neighbours(neighbour, level, links);
    for (int i = 0; i < count; i++) {
      if (links[i] == node) {
        return; // a concurrent insertion of the neighbour already chose this node
      }
    }
    if (graph.tryAppend(neighbour, level, node)) {
      return;
    }
    // Full: choose again among the current neighbours and the new node.
    long[] keys = scratch.linkKeys;
    for (int i = 0; i < count; i++) {
      keys[i] = ScoredNode.encode(vectors.scoreBetween(neighbour, links[i]), links[i]);
    }
    keys[count] = ScoredNode.encode(score, node);
    sortDescending(keys, count + 1);
    long[] kept = scratch.pruned;
    int keptCount =
        NeighbourSelector.select(keys, count + 1, graph.maxConnections(level), -1, vectors, kept);
    for (int i = 0; i < keptCount; i++) {
      links[i] = ScoredNode.node(kept[i]);
    }
    graph.setNeighbours(neighbour, level, links, keptCount);
  }

  private static void sortDescending(long[] keys, int count) {
    Arrays.sort(keys, 0, count);
    for (int i = 0, j = count - 1; i < j; i++, j--) {
      long swap = keys[i];
      keys[i] = keys[j];
      keys[j] = swap;
    }
  }
}
