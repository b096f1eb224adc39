package dev.visualsearch.vector;

/**
 * What an implementation of the {@link VectorKernels} provides. The facade checks bounds before
 * it calls these methods, so implementations may assume every slice fits its array.
 *
 * <p>Implementations are stateless and thread-safe.
 */
interface KernelImplementation {

  /** A short name for logs and benchmark output: {@code "scalar"} or {@code "panama"}. */
  String name();

  /** {@code Σ a[aOffset + i] · b[bOffset + i]} for {@code i < length}. */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /** {@code Σ (a[aOffset + i] − b[bOffset + i])²} for {@code i < length}. */
  float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * For each {@code r < count}: {@code scores[scoresOffset + r] = dot(query, queryOffset, rows,
   * rowsOffset + r × dimension, dimension)}.
   */
  void dotBulk(
      float[] query,
      int queryOffset,
      float[] rows,
      int rowsOffset,
      int dimension,
      int count,
      float[] scores,
      int scoresOffset);

  /** As {@link #dotBulk}, with squared distances. */
  void squaredDistanceBulk(
      float[] query,
      int queryOffset,
      float[] rows,
      int rowsOffset,
      int dimension,
      int count,
      float[] scores,
      int scoresOffset);

  /**
   * For each query {@code q} and row {@code r < count}: {@code scores[q × count + r]} = what
   * {@link #dotBulk} computes for {@code queries[q]} (offset 0) and that row, to the bit.
   */
  void dotBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores);

  /** As {@link #dotBulkMulti}, with squared distances as {@link #squaredDistanceBulk} gives. */
  void squaredDistanceBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores);

  /** {@code out[outOffset + i] = codes[codesOffset + i] × scale} for {@code i < length}. */
  void decodeInt8(
      byte[] codes, int codesOffset, float scale, float[] out, int outOffset, int length);

  /**
   * {@code out[outOffset + i]} = the value of the IEEE 754 half-precision {@code
   * bits[bitsOffset + i]}, for {@code i < length}; finite halves only.
   */
  void decodeFloat16(short[] bits, int bitsOffset, float[] out, int outOffset, int length);
}
