package dev.visualsearch.index.hnsw;

import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Exact search over the stored vectors: every live node the filter accepts is scored. The fallback
 * of {@link GraphSearch} when the graph would cost more than a scan — a very selective filter, or
 * an {@code ef} that covers the whole index — and when a graph search ends with fewer hits than
 * exist.
 *
 * <p>Its own scan rather than a {@code FlatIndex}: the vectors are already here, in the index's
 * node order, and a second copy would double the memory of the index.
 *
 * <p>Stateless and thread-safe; the caller holds the index's read lock.
 */
final class ExactScan {

  private ExactScan() {}

  /**
   * The best {@code k} live nodes {@code filter} accepts (null: all), best first, ties in node
   * (insertion) order.
   */
  static SearchResult search(
      VectorValues vectors,
      NodeIds ids,
      float[] query,
      int k,
      Predicate<String> filter,
      SearchScratch scratch) {
    String[] idOf = ids.array();
    int nodes = ids.size();
    LongHeap best = scratch.results;
    best.clear();
    float[] buffer = scratch.vector;
    for (int node = 0; node < nodes; node++) {
      String id = idOf[node];
      if (id == null || (filter != null && !filter.test(id))) {
        continue;
      }
      best.offer(ScoredNode.encode(vectors.score(query, node, buffer), node), k);
    }
    return toResult(best, k, idOf, scratch);
  }

  /** Drains {@code best} (at most {@code k} worth keeping) into a result, best first. */
  static SearchResult toResult(LongHeap best, int k, String[] idOf, SearchScratch scratch) {
    long[] keys = scratch.keys(best.size());
    int count = best.drainDescending(keys);
    int hits = Math.min(k, count);
    List<Hit> list = new ArrayList<>(hits);
    for (int i = 0; i < hits; i++) {
      list.add(new Hit(idOf[ScoredNode.node(keys[i])], ScoredNode.score(keys[i])));
    }
    return new SearchResult(list);
  }
}
