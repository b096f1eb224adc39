package dev.visualsearch.index.cassandra;

import dev.visualsearch.Metric;

/**
 * Maps this library's {@link Metric} to the {@code similarity_function} of Cassandra's
 * storage-attached vector index. Cassandra ranks by its own similarity score ({@code (1 + cos) /
 * 2}, {@code (1 + dot) / 2}, {@code 1 / (1 + d²)}), which orders like ours; the index recomputes
 * this library's score from the returned vector, so callers see the same scores as from the exact
 * index.
 *
 * <p>Stateless and thread-safe.
 */
final class Similarity {

  /**
   * Cassandra's {@code dot_product} assumes unit-length vectors (its graph and its scores are
   * built for them); vectors further than this from length 1 are refused rather than ranked
   * wrongly.
   */
  static final double UNIT_TOLERANCE = 1e-3;

  private Similarity() {}

  static String function(Metric metric) {
    switch (metric) {
      case COSINE:
        return "cosine";
      case INNER_PRODUCT:
        return "dot_product";
      case L2:
        return "euclidean";
      default:
        throw new AssertionError(metric);
    }
  }

  /**
   * @throws IllegalArgumentException if the metric is {@link Metric#INNER_PRODUCT} and the vector
   *     is not of unit length
   */
  static void checkSupported(float[] vector, Metric metric, String what) {
    if (metric != Metric.INNER_PRODUCT) {
      return;
    }
    double squared = 0;
    for (float value : vector) {
      squared += (double) value * value;
    }
    double norm = Math.sqrt(squared);
    if (Math.abs(norm - 1) > UNIT_TOLERANCE) {
      throw new IllegalArgumentException(
          what + " has length " + norm + "; Cassandra's dot_product similarity needs unit-length"
              + " vectors (normalise them, or use COSINE)");
    }
  }
}
