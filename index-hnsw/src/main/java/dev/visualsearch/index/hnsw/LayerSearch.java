package dev.visualsearch.index.hnsw;

/**
 * The two searches within one layer of the graph (HNSW paper, algorithm 2): a greedy walk, used on
 * the upper layers to find a good entry into the next, and a beam search keeping the {@code ef}
 * best nodes, used on the layers where results or neighbours are chosen.
 *
 * <p>When {@code locks} is not null the graph is being built by several threads: each neighbour
 * list is then copied under its node's monitor, so a list being rewritten is never read half-way.
 * Searches of a finished graph pass {@code null} and read without locking.
 *
 * <p>Stateless and thread-safe; each call works in its caller's {@link SearchScratch}.
 */
final class LayerSearch {

  private LayerSearch() {}

  /**
   * Walks from {@code entryKey} to ever better neighbours on {@code level} until none is better,
   * and returns the key of the node it stops at.
   */
  static long greedy(
      float[] query,
      long entryKey,
      int level,
      GraphView graph,
      VectorValues vectors,
      SearchScratch scratch,
      NodeLocks locks) {
    long best = entryKey;
    int[] neighbours = scratch.neighbours;
    boolean improved = true;
    while (improved) {
      improved = false;
      int count = neighbours(graph, ScoredNode.node(best), level, neighbours, locks);
      for (int i = 0; i < count; i++) {
        int node = neighbours[i];
        long key = ScoredNode.encode(vectors.score(query, node, scratch.vector), node);
        if (key > best) {
          best = key;
          improved = true;
        }
      }
    }
    return best;
  }

  /**
   * Searches {@code level} from the already scored {@code entries[0..entryCount)} for the {@code
   * ef} best nodes {@code acceptor} accepts, and leaves them in {@code scratch.results}. Nodes the
   * acceptor rejects are expanded like the others but not collected, so the search goes on until
   * it holds {@code ef} accepted nodes or runs out of candidates.
   *
   * @param acceptor which nodes may be collected; {@code null} accepts all
   * @param visitLimit the most nodes to score before giving up
   * @return false if the search gave up at {@code visitLimit}; the results are then incomplete
   */
  static boolean beam(
      float[] query,
      long[] entries,
      int entryCount,
      int level,
      int ef,
      NodeAcceptor acceptor,
      int visitLimit,
      GraphView graph,
      VectorValues vectors,
      SearchScratch scratch,
      NodeLocks locks) {
    VisitedSet visited = scratch.visited;
    visited.reset(graph.size());
    LongHeap candidates = scratch.candidates;
    LongHeap results = scratch.results;
    candidates.clear();
    results.clear();
    int[] neighbours = scratch.neighbours;
    float[] vector = scratch.vector;
    int scored = 0;
    for (int i = 0; i < entryCount; i++) {
      long key = entries[i];
      int node = ScoredNode.node(key);
      if (visited.visit(node)) {
        scored++;
        candidates.push(~key);
        if (acceptor == null || acceptor.accept(node)) {
          results.offer(key, ef);
        }
      }
    }
    // While fewer than ef nodes are collected any node may still enter: the bar is the lowest key.
    long bar = results.size() >= ef ? results.peek() : Long.MIN_VALUE;
    boolean complete = true;
    search:
    while (!candidates.isEmpty()) {
      long nearest = ~candidates.pop();
      if (nearest < bar) {
        break; // the best candidate left is worse than every result: nothing left can improve them
      }
      int count = neighbours(graph, ScoredNode.node(nearest), level, neighbours, locks);
      for (int i = 0; i < count; i++) {
        int node = neighbours[i];
        if (!visited.visit(node)) {
          continue;
        }
        if (++scored > visitLimit) {
          complete = false;
          break search;
        }
        long key = ScoredNode.encode(vectors.score(query, node, vector), node);
        if (key > bar) {
          candidates.push(~key);
          if ((acceptor == null || acceptor.accept(node))
              && results.offer(key, ef)
              && results.size() >= ef) {
            bar = results.peek();
          }
        }
      }
    }
    scratch.visitedCount = scored;
    return complete;
  }

  private static int neighbours(
      GraphView graph, int node, int level, int[] target, NodeLocks locks) {
    if (locks == null) {
      return graph.neighbours(node, level, target);
    }
    synchronized (locks.of(node)) {
      return graph.neighbours(node, level, target);
    }
  }
}
