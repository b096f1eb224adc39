package dev.visualsearch.index.hnsw;

/**
 * Chooses the neighbours of a node among candidates with the diversity heuristic of the HNSW paper
 * (algorithm 4, without extending or keeping pruned candidates): going from the best candidate to
 * the worst, a candidate is kept only if it is closer to the node than to every neighbour kept
 * before it. A candidate that a kept neighbour already covers adds little reach, so the kept
 * neighbours point in different directions, which is what lets a search cross between clusters.
 *
 * <p>Stateless and thread-safe.
 */
final class NeighbourSelector {

  private NeighbourSelector() {}

  /**
   * Selects up to {@code max} neighbours for the node the {@code candidates} were scored against.
   *
   * @param candidates {@link ScoredNode} keys of the candidates (score to the node), best first
   * @param count how many of {@code candidates} to consider
   * @param exclude a node never to select (the node itself), or -1
   * @param selected receives the keys of the selected candidates, best first
   * @return how many were selected
   */
  static int select(
      long[] candidates, int count, int max, int exclude, HeapVectors vectors, long[] selected) {
    if (count <= max) {
      // Room for every candidate: keep them all (as hnswlib does). Pruning here would only leave
      // a young, sparse graph sparser, costing connectivity for no saving.
      int kept = 0;
      for (int i = 0; i < count; i++) {
        if (ScoredNode.node(candidates[i]) != exclude) {
          selected[kept++] = candidates[i];
        }
      }
      return kept;
    }
    int kept = 0;
    for (int i = 0; i < count && kept < max; i++) {
      int candidate = ScoredNode.node(candidates[i]);
      if (candidate == exclude) {
        continue;
      }
      float toNode = ScoredNode.score(candidates[i]);
      boolean diverse = true;
      for (int j = 0; j < kept; j++) {
        if (vectors.scoreBetween(candidate, ScoredNode.node(selected[j])) > toNode) {
          diverse = false;
          break;
        }
      }
      if (diverse) {
        selected[kept++] = candidates[i];
      }
    }
    return kept;
  }
}
