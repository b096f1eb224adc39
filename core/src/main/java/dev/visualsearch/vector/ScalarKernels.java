package dev.visualsearch.vector;

/**
 * Plain-Java vector kernels over {@code float[]} slices, the hot loop of the exact scan.
 *
 * <p>Each kernel keeps eight independent accumulators: a single running sum makes every addition
 * wait for the previous one (Java may not reorder float additions), while eight sums cover the
 * latency of the two floating-point units of an x86 core (four cycles each). Where the JVM uses
 * fused multiply-add instructions ({@code -XX:+UseFMA}, the default on CPUs that have them) each
 * step is one {@link Math#fma}; elsewhere {@code Math.fma} is a slow software routine, so it is a
 * multiply and an add. Eight FMA chains instead of four multiply-add chains made the dot product
 * 1.2–1.6× faster at 128–1280 dimensions on Java 17 here (benchmarks' KernelRatios: 1280-d from
 * 657 to 412 ns). The result differs from a left-to-right sum by rounding only. The tail of
 * fewer than eight elements keeps a plain multiply and add, as before FMA was used: vectors that
 * short score exactly as they did, so graphs built from them (the HNSW golden file) stay
 * reproducible across versions.
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

  /** Whether {@link Math#fma} compiles to one instruction here; see the class comment. */
  private static final boolean FAST_FMA = fastFma();

  /** {@code Σ a[aOffset + i] · b[bOffset + i]} for {@code i < length}. */
  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int i = 0;
    int bound = length & ~7;
    for (; i < bound; i += 8) {
      int x = aOffset + i;
      int y = bOffset + i;
      s0 = multiplyAdd(a[x], b[y], s0);
      s1 = multiplyAdd(a[x + 1], b[y + 1], s1);
      s2 = multiplyAdd(a[x + 2], b[y + 2], s2);
      s3 = multiplyAdd(a[x + 3], b[y + 3], s3);
      s4 = multiplyAdd(a[x + 4], b[y + 4], s4);
      s5 = multiplyAdd(a[x + 5], b[y + 5], s5);
      s6 = multiplyAdd(a[x + 6], b[y + 6], s6);
      s7 = multiplyAdd(a[x + 7], b[y + 7], s7);
    }
    for (; i < length; i++) {
      s0 += a[aOffset + i] * b[bOffset + i]; // see the class comment on the tail
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** {@code Σ (a[aOffset + i] − b[bOffset + i])²} for {@code i < length}. */
  @Override
  public float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int i = 0;
    int bound = length & ~7;
    for (; i < bound; i += 8) {
      int x = aOffset + i;
      int y = bOffset + i;
      float d0 = a[x] - b[y];
      float d1 = a[x + 1] - b[y + 1];
      float d2 = a[x + 2] - b[y + 2];
      float d3 = a[x + 3] - b[y + 3];
      float d4 = a[x + 4] - b[y + 4];
      float d5 = a[x + 5] - b[y + 5];
      float d6 = a[x + 6] - b[y + 6];
      float d7 = a[x + 7] - b[y + 7];
      s0 = multiplyAdd(d0, d0, s0);
      s1 = multiplyAdd(d1, d1, s1);
      s2 = multiplyAdd(d2, d2, s2);
      s3 = multiplyAdd(d3, d3, s3);
      s4 = multiplyAdd(d4, d4, s4);
      s5 = multiplyAdd(d5, d5, s5);
      s6 = multiplyAdd(d6, d6, s6);
      s7 = multiplyAdd(d7, d7, s7);
    }
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      s0 += d * d; // see the class comment on the tail
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** {@code a · b + c}, fused where that is one instruction. */
  private static float multiplyAdd(float a, float b, float c) {
    return FAST_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  /**
   * Whether HotSpot's {@code UseFMA} flag is on (it is by default on CPUs with FMA); false where
   * the flag cannot be read, e.g. on another JVM.
   */
  private static boolean fastFma() {
    try {
      return Boolean.parseBoolean(
          java.lang.management.ManagementFactory.getPlatformMXBean(
                  com.sun.management.HotSpotDiagnosticMXBean.class)
              .getVMOption("UseFMA")
              .getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
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
