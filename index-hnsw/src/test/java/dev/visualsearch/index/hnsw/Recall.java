package dev.visualsearch.index.hnsw;

import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recall@k of an {@link HnswIndex} against the exact answers of a {@link FlatIndex} holding the
 * same items: the share of the true top k that the approximate search returns, over all queries.
 */
final class Recall {

  private Recall() {}

  static double at(
      HnswIndex index, VectorIndex exact, float[][] queries, int k, int ef, Predicate<String> filter) {
    long found = 0;
    long expected = 0;
    for (float[] query : queries) {
      List<String> truth = exact.search(query, k, filter).ids();
      SearchResult result = index.search(query, k, filter, ef);
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

  /** Fills {@code index} and a fresh exact index with the same vectors, ids "v0", "v1", ... */
  static FlatIndex fill(HnswIndex index, float[][] vectors) {
    FlatIndex exact = FlatIndex.create(index.dimension(), index.metric());
    java.util.Map<String, float[]> items = new java.util.LinkedHashMap<>();
    for (int i = 0; i < vectors.length; i++) {
      items.put("v" + i, vectors[i]);
      exact.add("v" + i, vectors[i]);
    }
    index.addAll(items);
    return exact;
  }
}
