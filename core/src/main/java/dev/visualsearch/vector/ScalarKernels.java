package dev.visualsearch.vector;

/**
 * Plain-Java vector kernels over {@code float[]} slices, the hot loop of the exact scan.
 *
 * <p>Each kernel keeps four independent accumulators: a single running sum makes every addition
 * wait for the previous one (Java may not reorder float additions), while four sums let the CPU
 * overlap them and let the JIT unroll the loop. The result therefore differs from a left-to-right
 * sum by rounding only.
 *
 * <p>Java may not reorder float additions, so C2 does not turn these loops into SIMD code: this is
 * the portable implementation, used where {@link PanamaKernels} is not (see {@link
 * KernelProvider}). Bulk scoring is a plain loop over rows here; unlike the SIMD version it gains
 * nothing from sharing query loads between rows, because scalar code is bound by arithmetic, not
 * by loads.
 *
 * <p>Stateless and thread-safe.
 */
final class ScalarKernels implements KernelImplementation {

  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  /** {@code Σ a[aOffset + i] · b[bOffset + i]} for {@code i < length}. */
  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    int bound = length & ~3;
    for (; i < bound; i += 4) {
      s0 += a[aOffset + i] * b[bOffset + i];
      s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
    }
    for (; i < length; i++) {
      s0 += a[aOffset + i] * b[bOffset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code Σ (a[aOffset + i] − b[bOffset + i])²} for {@code i < length}. */
  @Override
  public float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    int bound = length & ~3;
    for (; i < bound; i += 4) {
      float d0 = a[aOffset + i] - b[bOffset + i];
      float d1 = a[aOffset + i + 1] - b[bOffset + i + 1];
      float d2 = a[aOffset + i + 2] - b[bOffset + i + 2];
      float d3 = a[aOffset + i + 3] - b[bOffset + i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void dotBulk(
      float[] query,
      int queryOffset,
      float[] rows,
      int rowsOffset,
      int dimension,
      int count,
      float[] scores,
      int scoresOffset) {
    for (int r = 0, offset = rowsOffset; r < count; r++, offset += dimension) {
      scores[scoresOffset + r] = dot(query, queryOffset, rows, offset, dimension);
    }
  }

  @Override
  public void squaredDistanceBulk(
      float[] query,
      int queryOffset,
      float[] rows,
      int rowsOffset,
      int dimension,
      int count,
      float[] scores,
      int scoresOffset) {
    for (int r = 0, offset = rowsOffset; r < count; r++, offset += dimension) {
      scores[scoresOffset + r] = squaredDistance(query, queryOffset, rows, offset, dimension);
    }
  }

  @Override
  public void dotBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores) {
    for (int q = 0; q < queries.length; q++) {
      dotBulk(queries[q], 0, rows, rowsOffset, dimension, count, scores, q * count);
    }
  }

  @Override
  public void squaredDistanceBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores) {
    for (int q = 0; q < queries.length; q++) {
      squaredDistanceBulk(queries[q], 0, rows, rowsOffset, dimension, count, scores, q * count);
    }
  }

  @Override
  public void decodeInt8(
      byte[] codes, int codesOffset, float scale, float[] out, int outOffset, int length) {
    for (int i = 0; i < length; i++) {
      out[outOffset + i] = codes[codesOffset + i] * scale;
    }
  }

  @Override
  public void decodeFloat16(short[] bits, int bitsOffset, float[] out, int outOffset, int length) {
    for (int i = 0; i < length; i++) {
      out[outOffset + i] = halfToFloat(bits[bitsOffset + i]);
    }
  }

  /**
   * The value of a finite half. Shifting its 15 magnitude bits into float position gives the
   * value scaled by 2^-112, for normal and subnormal halves alike; one multiply puts the exponent
   * right. Exact: every half is a float.
   */
  static float halfToFloat(short bits) {
    int h = bits;
    return Float.intBitsToFloat(((h & 0x8000) << 16) | ((h & 0x7fff) << 13)) * 0x1p112f;
  }
}
