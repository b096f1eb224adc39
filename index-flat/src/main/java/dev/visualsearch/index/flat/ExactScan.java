package dev.visualsearch.index.flat;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.vector.VectorKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Scores a query against every live row of a {@link VectorStore} and keeps the best {@code k}.
 *
 * <p>The filter is asked before a row is scored, so rows it rejects cost no arithmetic and a
 * selective filter still fills {@code k} hits when enough rows pass; tombstones are skipped before
 * the filter sees them.
 *
 * <p>Stateless and thread-safe; the caller holds the store's read lock for the whole call.
 */
final class ExactScan {

  private ExactScan() {}

  /**
   * The best {@code k} live rows for {@code query}, best first, ties in row (= insertion) order.
   *
   * @param query already validated and prepared (unit length for cosine)
   * @param filter accepts the ids that may be returned; {@code null} accepts all
   */
  static SearchResult search(
      VectorStore store, Metric metric, float[] query, int k, Predicate<String> filter) {
    int capacity = Math.min(k, store.size());
    if (capacity == 0) {
      return SearchResult.EMPTY;
    }
    TopKHeap heap = new TopKHeap(capacity);
    // Cosine rows and queries are stored unit length, so their dot product is the cosine.
    boolean l2 = metric == Metric.L2;
    float[] vectors = store.vectors();
    int dimension = store.dimension();
    int rows = store.rows();
    for (int row = 0, offset = 0; row < rows; row++, offset += dimension) {
      String id = store.idAt(row);
      if (id == null || (filter != null && !filter.test(id))) {
        continue;
      }
      float score =
          l2
              ? -VectorKernels.squaredDistance(query, 0, vectors, offset, dimension)
              : VectorKernels.dot(query, 0, vectors, offset, dimension);
      if (score != score) {
        // Only an inner product of huge finite values gets here (∞ − ∞ after float overflow):
        // rank it last rather than let NaN, which compares false both ways, corrupt the heap.
        score = Float.NEGATIVE_INFINITY;
      }
      heap.offer(score, row);
    }
    float[] scores = new float[heap.size()];
    int[] bestRows = new int[heap.size()];
    int count = heap.drainBestFirst(scores, bestRows);
    List<Hit> hits = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      hits.add(new Hit(store.idAt(bestRows[i]), scores[i]));
    }
    return new SearchResult(hits);
  }
}
