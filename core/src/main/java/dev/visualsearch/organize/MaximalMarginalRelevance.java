package dev.visualsearch.organize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, 1998): picks results one at a time, each
 * maximising {@code λ·relevance(d) − (1 − λ)·max over picked s of similarity(d, s)}, so that the
 * top of a list is not five copies of one photo. λ = 1 is the plain ranking; lower λ trades
 * relevance for variety.
 *
 * <p>Stateless and thread-safe.
 */
public final class MaximalMarginalRelevance {

  /** How similar two candidates are, on the same scale as their relevance. */
  @FunctionalInterface
  public interface Similarity {
    float between(int a, int b);
  }

  private MaximalMarginalRelevance() {}

  /**
   * Orders up to {@code k} of the candidates by maximal marginal relevance.
   *
   * @param relevance each candidate's relevance to the query (its search score)
   * @param lambda the weight of relevance, in [0, 1]
   * @param similarity similarity between candidates, by index into {@code relevance}
   * @return indexes into {@code relevance}, in pick order; ties go to the lower index
   * @throws IllegalArgumentException if {@code k < 1} or {@code lambda} is outside [0, 1]
   */
  public static List<Integer> select(float[] relevance, int k, double lambda, Similarity similarity) {
    Objects.requireNonNull(relevance, "relevance");
    Objects.requireNonNull(similarity, "similarity");
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1]: " + lambda);
    }
    int n = relevance.length;
    List<Integer> picked = new ArrayList<>(Math.min(k, n));
    boolean[] taken = new boolean[n];
    // The highest similarity of each candidate to anything picked so far.
    float[] redundancy = new float[n];
    java.util.Arrays.fill(redundancy, Float.NEGATIVE_INFINITY);
    while (picked.size() < Math.min(k, n)) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (taken[i]) {
          continue;
        }
        double penalty = picked.isEmpty() ? 0 : redundancy[i];
        double value = lambda * relevance[i] - (1 - lambda) * penalty;
        if (value > bestValue) {
          best = i;
          bestValue = value;
        }
      }
      taken[best] = true;
      picked.add(best);
      for (int i = 0; i < n; i++) {
        if (!taken[i]) {
          redundancy[i] = Math.max(redundancy[i], similarity.between(i, best));
        }
      }
    }
    return picked;
  }
}
