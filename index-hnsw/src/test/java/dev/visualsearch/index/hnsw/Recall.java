package dev.visualsearch.index.hnsw;

import dev.visualsearch.VectorIndex;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.function.Predicate;

/**
 * Recall@k of an {@link HnswIndex} at a given ef (see {@link dev.visualsearch.testing.Recall}),
 * and the filling of an HNSW and an exact index with the same vectors.
 */
final class Recall {

  private Recall() {}

  static double at(
      HnswIndex index, VectorIndex exact, float[][] queries, int k, int ef, Predicate<String> filter) {
    return dev.visualsearch.testing.Recall.at(
        query -> index.search(query, k, filter, ef), exact, queries, k, filter);
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
