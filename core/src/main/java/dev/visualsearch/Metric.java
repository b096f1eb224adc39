package dev.visualsearch;

import java.util.Objects;

/**
 * How two vectors are compared. Every metric yields a <em>score</em> where higher means more
 * similar, so that top-k is always "the k largest scores" whatever the metric:
 *
 * <table>
 *   <caption>score of a stored vector {@code v} for a query {@code q}</caption>
 *   <tr><th>metric</th><th>score</th><th>range</th></tr>
 *   <tr><td>{@link #L2}</td><td>{@code -Σ (q[i] - v[i])²}, the negated squared Euclidean
 *       distance</td><td>(-∞, 0]; 0 for identical vectors</td></tr>
 *   <tr><td>{@link #INNER_PRODUCT}</td><td>{@code Σ q[i]·v[i]}</td><td>(-∞, ∞)</td></tr>
 *   <tr><td>{@link #COSINE}</td><td>{@code Σ q[i]·v[i] / (|q|·|v|)}</td><td>[-1, 1]; 1 for
 *       vectors pointing the same way</td></tr>
 * </table>
 *
 * <p>For unit-length vectors (what {@code OnnxImageEmbedder} produces by default) the three
 * rankings agree: {@code L2 score = 2·cosine − 2}. Cosine rejects zero vectors, which have no
 * direction.
 *
 * <p>This enum is immutable and thread-safe.
 */
public enum Metric {
  /** Negated squared Euclidean distance. */
  L2,
  /** Dot product, for embeddings trained for maximum inner-product search. */
  INNER_PRODUCT,
  /** Cosine of the angle between the vectors; indexes normalise the vectors they store. */
  COSINE;

  /**
   * Scores {@code vector} against {@code query} with this metric, the plain scalar way. Index
   * implementations use faster kernels; this method is their reference.
   *
   * @throws IllegalArgumentException if the lengths differ, or (cosine) either vector is zero
   */
  public float score(float[] query, float[] vector) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(vector, "vector");
    if (query.length != vector.length) {
      throw new IllegalArgumentException(
          "vector dimensions differ: " + query.length + " != " + vector.length);
    }
    switch (this) {
      case L2:
        return -squaredDistance(query, vector);
      case INNER_PRODUCT:
        return (float) dot(query, vector);
      case COSINE:
        double qq = dot(query, query);
        double vv = dot(vector, vector);
        if (qq == 0 || vv == 0) {
          throw new IllegalArgumentException("cosine is undefined for a zero vector");
        }
        return (float) (dot(query, vector) / Math.sqrt(qq * vv));
      default:
        throw new AssertionError(this);
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static float squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return (float) sum;
  }
}
