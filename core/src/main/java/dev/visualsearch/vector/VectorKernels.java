package dev.visualsearch.vector;

import java.util.Objects;

/**
 * The vector arithmetic on the hot path of every index: dot products and squared distances over
 * {@code float[]} slices. Index implementations call these static methods; which implementation
 * runs behind them is chosen once, when this class is first used.
 *
 * <p>Slices are given as array, offset and length, so that a query can be scored against rows of
 * one contiguous array without copying. Results may differ from a left-to-right sum by float
 * rounding (implementations sum in several lanes); they never differ in anything else.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorKernels {

  /** What an implementation of the kernels provides. Implementations are stateless. */
  interface Implementation {
    /** A short name for logs and benchmark output, e.g. "scalar". */
    String name();

    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int length);
  }

  private static final Implementation IMPLEMENTATION = ScalarKernels.INSTANCE;

  private VectorKernels() {}

  /** The name of the implementation in use, e.g. {@code "scalar"}. */
  public static String implementationName() {
    return IMPLEMENTATION.name();
  }

  /**
   * {@code Σ a[aOffset + i] · b[bOffset + i]} for {@code 0 ≤ i < length}.
   *
   * @throws IndexOutOfBoundsException if a slice does not fit its array
   */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    Objects.checkFromIndexSize(aOffset, length, a.length);
    Objects.checkFromIndexSize(bOffset, length, b.length);
    return IMPLEMENTATION.dot(a, aOffset, b, bOffset, length);
  }

  /**
   * {@code Σ (a[aOffset + i] − b[bOffset + i])²} for {@code 0 ≤ i < length}.
   *
   * @throws IndexOutOfBoundsException if a slice does not fit its array
   */
  public static float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    Objects.checkFromIndexSize(aOffset, length, a.length);
    Objects.checkFromIndexSize(bOffset, length, b.length);
    return IMPLEMENTATION.squaredDistance(a, aOffset, b, bOffset, length);
  }
}
