package dev.visualsearch;

import dev.visualsearch.organize.MaximalMarginalRelevance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * "More like this" over any {@link VectorIndex}: search with the item's own vector, drop the item
 * and its near-duplicates, optionally diversify, keep {@code k}.
 */
final class Recommender {

  /** Extra candidates fetched beyond {@code k}, to make up for near-duplicates dropped. */
  private static final int SLACK = 16;

  /** Candidates per wanted result when diversifying: MMR needs a pool to choose from. */
  private static final int DIVERSITY_POOL_FACTOR = 4;

  private Recommender() {}

  static SearchResult recommend(
      VectorIndex index, String id, float[] vector, int k, SimilarOptions options) {
    Predicate<String> filter = options.filterOrNull();
    Predicate<String> others = other -> !other.equals(id) && (filter == null || filter.test(other));
    boolean diversify = options.relevanceWeight() < 1;
    int wanted = diversify ? Math.max(DIVERSITY_POOL_FACTOR * k, k + SLACK) : k;

    List<Hit> kept = new ArrayList<>();
    List<float[]> keptVectors = new ArrayList<>();
    int pool = wanted + SLACK;
    while (true) {
      kept.clear();
      keptVectors.clear();
      SearchResult candidates = index.search(vector, pool, others);
      for (Hit hit : candidates.hits()) {
        float[] other = index.vector(hit.id()).orElse(null);
        if (other != null && cosine(vector, other) < options.duplicateCosine()) {
          kept.add(hit);
          keptVectors.add(other);
        }
      }
      // Enough left after dropping duplicates, or nothing more to fetch.
      if (kept.size() >= wanted || candidates.size() < pool || pool >= index.size()) {
        break;
      }
      pool = (int) Math.min(index.size(), 2L * pool);
    }
    if (!diversify) {
      return new SearchResult(kept.subList(0, Math.min(k, kept.size())));
    }
    float[] relevance = new float[kept.size()];
    for (int i = 0; i < relevance.length; i++) {
      relevance[i] = kept.get(i).score();
    }
    Metric metric = index.metric();
    List<Integer> order =
        MaximalMarginalRelevance.select(
            relevance,
            k,
            options.relevanceWeight(),
            (a, b) -> metric.score(keptVectors.get(a), keptVectors.get(b)));
    List<Hit> picked = new ArrayList<>(order.size());
    order.forEach(i -> picked.add(kept.get(i)));
    return new SearchResult(picked);
  }

  /** Cosine similarity; 0 when either vector is all zeros (it has no direction). */
  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return aa == 0 || bb == 0 ? 0 : dot / Math.sqrt(aa * bb);
  }
}
