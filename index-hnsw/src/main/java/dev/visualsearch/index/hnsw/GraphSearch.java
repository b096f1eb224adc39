package dev.visualsearch.index.hnsw;

import dev.visualsearch.SearchResult;
import java.util.function.Predicate;

/**
 * Answers one query: a greedy descent through the upper layers, a beam search of width {@code ef}
 * on layer 0, the best {@code k} of what it collected — or an {@link ExactScan} where that is
 * cheaper or the graph cannot deliver:
 *
 * <ul>
 *   <li>{@code ef} at least the number of live items: the beam would visit everything anyway, and
 *       the scan is exact;
 *   <li>a filter that accepts few items: the filter is tried on a fixed sample of {@value
 *       #FILTER_SAMPLE} nodes spread over the index; if it accepts none, or the accepted items
 *       it projects are within {@code 2·ef}, the scan is cheaper than walking the graph through
 *       the many rejected nodes it would have to cross;
 *   <li>a filtered beam that scores more nodes than the scan would have ({@link #visitLimit});
 *   <li>a beam that ends with fewer than {@code k} hits without having seen every node: the
 *       missing items exist but were not reached.
 * </ul>
 *
 * <p>So filtered recall stays at the unfiltered level, and at the extreme (a filter accepting a
 * handful of items) the answer is exact.
 *
 * <p>Stateless and thread-safe; the caller holds the index's read lock.
 */
final class GraphSearch {

  /** How many nodes the filter is tried on to estimate how many it accepts. */
  static final int FILTER_SAMPLE = 128;

  /** The fractional part of the golden ratio. */
  private static final double GOLDEN_FRACTION = 0.6180339887498949;

  private GraphSearch() {}

  /**
   * The best {@code k} live nodes {@code filter} accepts (null: all) for {@code query} (prepared).
   */
  static SearchResult search(
      GraphView graph,
      VectorValues vectors,
      NodeIds ids,
      float[] query,
      int k,
      int ef,
      Predicate<String> filter,
      SearchScratch scratch) {
    int live = ids.live();
    if (live == 0) {
      return SearchResult.EMPTY;
    }
    int width = Math.max(ef, k);
    String[] idOf = ids.array();
    NodeAcceptor acceptor;
    int visitLimit = Integer.MAX_VALUE;
    if (filter == null) {
      if (width >= live) {
        return ExactScan.search(vectors, ids, query, k, null, scratch);
      }
      acceptor = ids.deleted() == 0 ? null : node -> idOf[node] != null;
    } else {
      long accepted = estimateAccepted(idOf, ids.size(), live, filter);
      if (accepted <= 2L * width) {
        return ExactScan.search(vectors, ids, query, k, filter, scratch);
      }
      visitLimit = visitLimit(accepted, live);
      acceptor =
          node -> {
            String id = idOf[node];
            return id != null && filter.test(id);
          };
    }

    int entry = graph.entryPoint();
    long best = ScoredNode.encode(vectors.score(query, entry, scratch.vector), entry);
    for (int level = graph.maxLevel(); level > 0; level--) {
      best = LayerSearch.greedy(query, best, level, graph, vectors, scratch, null);
    }
    long[] entries = scratch.keys(1);
    entries[0] = best;
    boolean complete =
        LayerSearch.beam(
            query, entries, 1, 0, width, acceptor, visitLimit, graph, vectors, scratch, null);
    int found = scratch.results.size();
    boolean missing =
        filter == null ? found < Math.min(k, live) : found < k && scratch.visitedCount < graph.size();
    if (!complete || missing) {
      return ExactScan.search(vectors, ids, query, k, filter, scratch);
    }
    return ExactScan.toResult(scratch.results, k, idOf, scratch);
  }

  /**
   * How many live items {@code filter} accepts, projected from a sample of nodes; 0 when the
   * sample holds no accepted item. The sample is the same for every query, so results are
   * reproducible, and follows the golden-ratio (Weyl) sequence rather than a fixed stride: a
   * stride would line up with filters on a period ("every other id") and see none of what they
   * accept.
   */
  static long estimateAccepted(String[] idOf, int nodes, int live, Predicate<String> filter) {
    int sampled = 0;
    int accepted = 0;
    double position = 0.5;
    for (int i = 0; i < 2 * FILTER_SAMPLE && sampled < FILTER_SAMPLE; i++) {
      position += GOLDEN_FRACTION;
      position -= Math.floor(position);
      String id = idOf[(int) (position * nodes)];
      if (id == null) {
        continue; // deleted; tombstones are at most a quarter of the nodes
      }
      sampled++;
      if (filter.test(id)) {
        accepted++;
      }
    }
    return sampled == 0 ? 0 : (long) live * accepted / sampled;
  }

  /**
   * The most nodes a filtered beam may score before a scan is cheaper. A scan tests the filter on
   * every live item and scores the accepted ones; the beam scores (and tests) every node it
   * visits. Counting a filter test as a sixteenth of a score — a map lookup or string comparison
   * against a dot product over hundreds of floats — the scan costs about {@code accepted +
   * live/16} scores.
   */
  static int visitLimit(long accepted, int live) {
    return (int) Math.min(Integer.MAX_VALUE, accepted + live / 16);
  }
}
