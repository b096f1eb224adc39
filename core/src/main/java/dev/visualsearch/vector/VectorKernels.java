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
 * <p>Two implementations exist: plain Java, and SIMD code on the Java Vector API ({@code
 * jdk.incubator.vector}). The SIMD one is used whenever the JVM was started with {@code
 * --add-modules jdk.incubator.vector}; without that flag a warning says so once and the
 * plain one runs. The system property {@code visualsearch.vectorization} ({@code auto}, {@code
 * scalar}, {@code panama}) overrides the choice. {@link #implementationName()} says which runs.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorKernels {

  private static final KernelImplementation IMPLEMENTATION = KernelProvider.get();

  private VectorKernels() {}

  /** The name of the implementation in use: {@code "scalar"} or {@code "panama"}. */
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

  /**
   * Scores one query against {@code count} consecutive rows of one array: for each {@code r <
   * count}, {@code scores[scoresOffset + r] = dot(query, queryOffset, rows, rowsOffset + r ×
   * dimension, dimension)}. Faster than a loop of {@link #dot} calls with the SIMD implementation,
   * which scores several rows per pass and loads each part of the query once for them.
   *
   * @throws IllegalArgumentException if {@code dimension} or {@code count} is negative
   * @throws IndexOutOfBoundsException if the query slice, the rows or the scores do not fit their
   *     arrays
   */
  public static void dotBulk(
      float[] query,
      int queryOffset,
      float[] rows,
      int rowsOffset,
      int dimension,
      int count,
      float[] scores,
      int scoresOffset) {
    checkBulk(query, queryOffset, rows, rowsOffset, dimension, count, scores, scoresOffset);
    IMPLEMENTATION.dotBulk(
        query, queryOffset, rows, rowsOffset, dimension, count, scores, scoresOffset);
  }

  /**
   * As {@link #dotBulk}, with squared distances: {@code scores[scoresOffset + r] =
   * squaredDistance(query, queryOffset, rows, rowsOffset + r × dimension, dimension)}.
   *
   * @throws IllegalArgumentException if {@code dimension} or {@code count} is negative
   * @throws IndexOutOfBoundsException if the query slice, the rows or the scores do not fit their
   *     arrays
   */
  public static void squaredDistanceBulk(
      float[] query,
      int queryOffset,
      float[] rows,
      int rowsOffset,
      int dimension,
      int count,
      float[] scores,
      int scoresOffset) {
    checkBulk(query, queryOffset, rows, rowsOffset, dimension, count, scores, scoresOffset);
    IMPLEMENTATION.squaredDistanceBulk(
        query, queryOffset, rows, rowsOffset, dimension, count, scores, scoresOffset);
  }

  /**
   * Scores several queries against {@code count} consecutive rows of one array: for each query
   * {@code q} and row {@code r < count}, {@code scores[q × count + r]} is exactly what {@link
   * #dotBulk} gives for {@code queries[q]} (its first {@code dimension} floats) and that row. With
   * the SIMD implementation this is faster than one {@link #dotBulk} per query when the rows are
   * in cache, as in a batched search: it loads each part of a row once for two queries.
   *
   * @throws IllegalArgumentException if {@code dimension} or {@code count} is negative
   * @throws IndexOutOfBoundsException if a query is shorter than {@code dimension}, or the rows or
   *     the {@code queries.length × count} scores do not fit their arrays
   * @throws NullPointerException if a query is null
   */
  public static void dotBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores) {
    checkMulti(queries, rows, rowsOffset, dimension, count, scores);
    IMPLEMENTATION.dotBulkMulti(queries, rows, rowsOffset, dimension, count, scores);
  }

  /**
   * As {@link #dotBulkMulti}, with squared distances: {@code scores[q × count + r]} is exactly
   * what {@link #squaredDistanceBulk} gives for {@code queries[q]} and row {@code r}.
   *
   * @throws IllegalArgumentException if {@code dimension} or {@code count} is negative
   * @throws IndexOutOfBoundsException if a query is shorter than {@code dimension}, or the rows or
   *     the {@code queries.length × count} scores do not fit their arrays
   * @throws NullPointerException if a query is null
   */
  public static void squaredDistanceBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores) {
    checkMulti(queries, rows, rowsOffset, dimension, count, scores);
    IMPLEMENTATION.squaredDistanceBulkMulti(queries, rows, rowsOffset, dimension, count, scores);
  }

  /**
   * Decodes int8 codes: {@code out[outOffset + i] = codes[codesOffset + i] × scale} for {@code i
   * < length}. The SIMD implementation widens a vector of bytes at a time (Java 17's compiler does
   * not vectorise the plain loop); both give the same floats.
   *
   * @throws IndexOutOfBoundsException if a slice does not fit its array
   */
  public static void decodeInt8(
      byte[] codes, int codesOffset, float scale, float[] out, int outOffset, int length) {
    Objects.checkFromIndexSize(codesOffset, length, codes.length);
    Objects.checkFromIndexSize(outOffset, length, out.length);
    IMPLEMENTATION.decodeInt8(codes, codesOffset, scale, out, outOffset, length);
  }

  /**
   * Decodes IEEE 754 half-precision values held in {@code short}s into floats, exactly, for
   * {@code i < length}. Only finite halves are defined here (infinities and NaN decode to
   * meaningless finite values); indexes never store others.
   *
   * @throws IndexOutOfBoundsException if a slice does not fit its array
   */
  public static void decodeFloat16(
      short[] bits, int bitsOffset, float[] out, int outOffset, int length) {
    Objects.checkFromIndexSize(bitsOffset, length, bits.length);
    Objects.checkFromIndexSize(outOffset, length, out.length);
    IMPLEMENTATION.decodeFloat16(bits, bitsOffset, out, outOffset, length);
  }

  private static void checkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores) {
    for (int q = 0; q < queries.length; q++) {
      if (queries[q] == null) {
        throw new NullPointerException("queries[" + q + "] is null");
      }
      checkBulk(queries[q], 0, rows, rowsOffset, dimension, count, scores, 0);
    }
    if ((long) queries.length * count > scores.length) {
      throw new IndexOutOfBoundsException(
          queries.length + " queries × " + count + " rows of scores do not fit an array of "
              + scores.length);
    }
  }

  private static void checkBulk(
      float[] query,
      int queryOffset,
      float[] rows,
      int rowsOffset,
      int dimension,
      int count,
      float[] scores,
      int scoresOffset) {
    if (dimension < 0 || count < 0) {
      throw new IllegalArgumentException(
          "dimension and count must not be negative: dimension=" + dimension + ", count=" + count);
    }
    Objects.checkFromIndexSize(queryOffset, dimension, query.length);
    long rowFloats = (long) dimension * count;
    if (rowsOffset < 0 || rowsOffset > rows.length - rowFloats) {
      throw new IndexOutOfBoundsException(
          count + " rows of " + dimension + " floats from " + rowsOffset
              + " do not fit an array of " + rows.length);
    }
    Objects.checkFromIndexSize(scoresOffset, count, scores.length);
  }
}
