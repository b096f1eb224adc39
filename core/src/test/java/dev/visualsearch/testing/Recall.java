package dev.visualsearch.testing;

import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Recall@k of an approximate index against the exact answers of another holding the same items:
 * the share of the true top k that the approximate search returns, over all queries. Fails if a
 * hit the filter rejects is returned. Shared by the HNSW and Cassandra index tests.
 */
public final class Recall {

  private Recall() {}

  /** Recall of {@code index.search(query, k, filter)}. */
  public static double at(
      VectorIndex index, VectorIndex exact, float[][] queries, int k, Predicate<String> filter) {
    return at(query -> index.search(query, k, filter), exact, queries, k, filter);
  }

  /**
   * Recall of {@code search}, which must ask for the top {@code k} under {@code filter} (for an
   * index whose search takes more settings, such as HNSW's ef).
   */
  public static double at(Function<float[], SearchResult> search, VectorIndex exact,
      float[][] queries, int k, Predicate<String> filter) {
    long found = 0;
    long expected = 0;
    for (float[] query : queries) {
      List<String> truth = exact.search(query, k, filter).ids();
      SearchResult result = search.apply(query);
      Set<String> returned = new HashSet<>(result.ids());
      for (String id : truth) {
        if (returned.contains(id)) {
          found++;
        }
      }
      expected += truth.size();
      if (filter != null) {
        for (String id : result.ids()) {
          if (!filter.test(id)) {
            throw new AssertionError("the filter rejects " + id + " but it was returned");
          }
        }
      }
    }
    return expected == 0 ? 1 : (double) found / expected;
  }
}
