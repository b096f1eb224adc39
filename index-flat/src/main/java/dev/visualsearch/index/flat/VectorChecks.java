package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import java.util.Objects;

/**
 * Validates the numbers callers hand to a {@link FlatIndex} and prepares vectors for storage or
 * scoring. Messages name the offending value, so a caller can find it in their data.
 *
 * <p>Stateless and thread-safe.
 */
final class VectorChecks {

  /**
   * The largest dimension an index accepts. Far above any image embedding (512–2048), it bounds
   * what {@link FlatIndexFormat} trusts when it reads a file, and {@link #create} enforces it too
   * so that every index can be saved and opened again.
   */
  static final int MAX_DIMENSION = 1 << 16;

  private VectorChecks() {}

  /** @throws IllegalArgumentException if {@code dimension} is outside [1, {@link #MAX_DIMENSION}] */
  static void checkDimension(int dimension) {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be in [1, " + MAX_DIMENSION + "]: " + dimension);
    }
  }

  /** @throws IllegalArgumentException if {@code k < 1} */
  static void checkK(int k) {
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
  static float[] prepare(float[] vector, int dimension, Metric metric, String what) {
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

  /**
   * Checks that a prepared vector fits {@code encoding}: only float16 has a range to check.
   *
   * @throws IllegalArgumentException naming the first value beyond ±{@value Float16#MAX_VALUE}
   */
  static void checkEncodable(float[] prepared, VectorEncoding encoding, String what) {
    if (encoding != VectorEncoding.FLOAT16) {
      return;
    }
    for (int i = 0; i < prepared.length; i++) {
      if (Math.abs(prepared[i]) > Float16.MAX_VALUE) {
        throw new IllegalArgumentException(
            what + " holds " + prepared[i] + " at position " + i
                + ", beyond the range of FLOAT16 encoding (±" + Float16.MAX_VALUE + ")");
      }
    }
  }
}
