package dev.visualsearch.vector;

import dev.visualsearch.Metric;
import java.util.Objects;

/**
 * Validates the numbers callers hand to a {@link dev.visualsearch.VectorIndex} and prepares vectors
 * for storage or scoring, the same way in every index implementation. Messages name the offending
 * value, so a caller can find it in their data.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorChecks {

  /**
   * The largest dimension an index accepts. Far above any image embedding (512–2048), it bounds
   * what an index trusts when it reads a saved file, and {@link #checkDimension} enforces it when
   * an index is created, so that every index can be saved and opened again.
   */
  public static final int MAX_DIMENSION = 1 << 16;

  private VectorChecks() {}

  /** @throws IllegalArgumentException if {@code dimension} is outside [1, {@link #MAX_DIMENSION}] */
  public static void checkDimension(int dimension) {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be in [1, " + MAX_DIMENSION + "]: " + dimension);
    }
  }

  /** @throws IllegalArgumentException if {@code k < 1} */
  public static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
  }

  /**
   * Checks {@code vector} and returns the copy an index works with: normalised to unit length for
   * cosine (so that a dot product is the cosine), otherwise an exact copy. Copying also means a
   * caller who later changes their array does not change the index.
   *
   * @param what "vector" or "query", for the messages
   * @throws NullPointerException if {@code vector} is null
   * @throws IllegalArgumentException if its length is not {@code dimension}, it holds NaN or
   *     infinity, or (cosine) it is all zeros
   */
  public static float[] prepare(float[] vector, int dimension, Metric metric, String what) {
    Objects.requireNonNull(vector, what);
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          what + " dimension " + vector.length + " != index dimension " + dimension);
    }
    double squaredNorm = 0;
    for (int i = 0; i < vector.length; i++) {
      float value = vector[i];
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException(what + " holds " + value + " at position " + i);
      }
      // In double so that tiny (or huge) but non-zero vectors neither underflow nor overflow.
      squaredNorm += (double) value * value;
    }
    if (metric != Metric.COSINE) {
      return vector.clone();
    }
    if (squaredNorm == 0) {
      throw new IllegalArgumentException(
          what + " is all zeros; cosine is undefined for a zero vector");
    }
    double norm = Math.sqrt(squaredNorm);
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }
}
