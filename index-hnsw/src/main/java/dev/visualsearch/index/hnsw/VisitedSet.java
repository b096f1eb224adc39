package dev.visualsearch.index.hnsw;

import java.util.Arrays;

/**
 * The nodes one graph search has already scored. Each node has a slot holding the number of the
 * search that last visited it; starting a new search increments that number, which empties the
 * set in constant time instead of clearing an array as large as the graph.
 *
 * <p>Not thread-safe: one per search, reused by later searches on the same thread.
 */
final class VisitedSet {

  private int[] marks = new int[0];
  private int generation;

  /** Empties the set and makes room for nodes {@code [0, nodes)}. */
  void reset(int nodes) {
    if (marks.length < nodes) {
      // Grow with headroom: an index that is being added to would otherwise regrow every search.
      marks = new int[nodes + (nodes >> 3) + 16];
      generation = 0;
    }
    generation++;
    if (generation == 0) {
      // The counter wrapped around after 2³² searches: old marks could now look current.
      Arrays.fill(marks, 0);
      generation = 1;
    }
  }

  /** Marks {@code node} visited and says whether it was not visited before. */
  boolean visit(int node) {
    if (marks[node] == generation) {
      return false;
    }
    marks[node] = generation;
    return true;
  }

  /** Whether {@code node} was visited in the current search. */
  boolean contains(int node) {
    return marks[node] == generation;
  }
}
