package dev.visualsearch.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernels on the Java Vector API ({@code jdk.incubator.vector}): SIMD multiply-adds over
 * the widest vectors the CPU has (16 floats with AVX-512, 8 with AVX2).
 *
 * <p>Only {@link KernelProvider} loads this class, and only once it has checked that the
 * incubator module is readable; every other class reaches it through {@link
 * KernelImplementation}, so a JVM without the module never links against it.
 *
 * <p>Written the way Lucene's {@code PanamaVectorUtilSupport} is, for the same measured reasons:
 *
 * <ul>
 *   <li>The species is a {@code static final} constant. Passed as a parameter it is no longer a
 *       compile-time constant to C2, which then boxes vectors and runs slower than scalar code.
 *   <li>Only slices of at least two vectors take the SIMD path; shorter ones cost more in
 *       reduction than they save.
 *   <li>The single-pair kernels keep four accumulators (fused multiply-add has a latency of about
 *       four cycles, so one accumulator would leave the FMA units idle), then finish with a scalar
 *       tail.
 *   <li>The bulk kernels score four adjacent rows per pass: each query vector loaded is used
 *       four times, and the four rows give the four independent accumulator chains. (Four rows a
 *       quarter of the slice apart, four streams through memory, were used before; with the
 *       larger single-query blocks the flat scan now takes they measured slower: see {@code
 *       ExactScan}.) The multi-query kernels score tiles of two queries by four rows: eight
 *       multiply-adds per six loads instead of four per five, which is what limits them when the
 *       rows come from cache. Rows left over score one at a time with the same sequence of
 *       operations, so a row's score never depends on which rows share its pass.
 *   <li>Lanes are summed by {@link #sum}, in a fixed order, not by {@code reduceLanes(ADD)}: the
 *       API leaves the order of that reduction open, and on Java 25 the interpreter and C2
 *       ordered it differently, so one pair of vectors scored differently before and after
 *       warm-up. (Java 17 orders it one way, and is the one JDK that keeps it.) Exact search
 *       promises equal scores for equal vectors (ties then go by insertion order), and seeded
 *       graph builds promise the same graph, so the order must be fixed.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class PanamaKernels implements KernelImplementation {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  /**
   * Whether {@code reduceLanes(ADD)} adds lanes in one fixed order on this JDK. On Java 17 both
   * C2 and the interpreter add lane 0, 1, 2, … in turn (checked by {@code PanamaKernelsTest}),
   * and it is the fastest way to sum there (lane extraction and permutes compiled into code 5×
   * slower). Java 25's C2 adds in a tree, its interpreter in turn, so from Java 20 {@link #sum}
   * adds the lanes itself.
   */
  private static final boolean REDUCE_LANES_IN_ORDER = Runtime.version().feature() < 20;

  // Decoding widens LANES bytes or shorts into LANES floats: the narrow species hold as many
  // lanes as SPECIES. Bytes need a shape of at least 64 bits, so below 8 float lanes int8 decodes
  // in scalar code.
  private static final boolean SIMD_INT8 = LANES >= 8;
  private static final VectorSpecies<Byte> BYTES =
      SIMD_INT8 ? ByteVector.SPECIES_64.withShape(VectorShape.forBitSize(LANES * 8)) : null;
  private static final VectorSpecies<Short> SHORTS =
      ShortVector.SPECIES_64.withShape(VectorShape.forBitSize(LANES * 16));
  private static final VectorSpecies<Integer> INTS =
      IntVector.SPECIES_64.withShape(SPECIES.vectorShape());

  /** Narrower vectors than this gain nothing over scalar code; see {@link #checkUsable}. */
  static final int MIN_VECTOR_BITS = 128;

  /** {@link #sum} adds up to this many lanes (AVX-512); wider SVE vectors are not used. */
  static final int MAX_VECTOR_BITS = 512;

  static final PanamaKernels INSTANCE = new PanamaKernels();

  private PanamaKernels() {}

  /**
   * Throws if this CPU's vectors are too narrow to pay for the SIMD path, or wider than {@link
   * #sum} handles.
   *
   * @throws UnsupportedOperationException naming the vector size found
   */
  static void checkUsable() {
    int bits = SPECIES.vectorBitSize();
    if (bits < MIN_VECTOR_BITS || bits > MAX_VECTOR_BITS) {
      throw new UnsupportedOperationException(
          "preferred vector size " + bits + " bits is outside [" + MIN_VECTOR_BITS + ", "
              + MAX_VECTOR_BITS + "]");
    }
  }

  @Override
  public String name() {
    return "panama";
  }

  /** The vector shape in use, for benchmark output, e.g. {@code "16 floats (512 bits)"}. */
  static String shape() {
    return LANES + " floats (" + SPECIES.vectorBitSize() + " bits)";
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int i = 0;
    float sum = 0;
    if (length >= 2 * LANES) {
      i = SPECIES.loopBound(length);
      sum = dotBody(a, aOffset, b, bOffset, i);
    }
    for (; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }

  private static float dotBody(float[] a, int aOffset, float[] b, int bOffset, int limit) {
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    FloatVector acc4 = FloatVector.zero(SPECIES);
    int i = 0;
    int unrolledLimit = limit - 3 * LANES;
    for (; i < unrolledLimit; i += 4 * LANES) {
      acc1 = load(a, aOffset + i).fma(load(b, bOffset + i), acc1);
      acc2 = load(a, aOffset + i + LANES).fma(load(b, bOffset + i + LANES), acc2);
      acc3 = load(a, aOffset + i + 2 * LANES).fma(load(b, bOffset + i + 2 * LANES), acc3);
      acc4 = load(a, aOffset + i + 3 * LANES).fma(load(b, bOffset + i + 3 * LANES), acc4);
    }
    for (; i < limit; i += LANES) {
      acc1 = load(a, aOffset + i).fma(load(b, bOffset + i), acc1);
    }
    return sum(acc1.add(acc2).add(acc3.add(acc4)));
  }

  @Override
  public float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int i = 0;
    float sum = 0;
    if (length >= 2 * LANES) {
      i = SPECIES.loopBound(length);
      sum = squaredDistanceBody(a, aOffset, b, bOffset, i);
    }
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  private static float squaredDistanceBody(
      float[] a, int aOffset, float[] b, int bOffset, int limit) {
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    FloatVector acc4 = FloatVector.zero(SPECIES);
    int i = 0;
    int unrolledLimit = limit - 3 * LANES;
    for (; i < unrolledLimit; i += 4 * LANES) {
      FloatVector d1 = load(a, aOffset + i).sub(load(b, bOffset + i));
      FloatVector d2 = load(a, aOffset + i + LANES).sub(load(b, bOffset + i + LANES));
      FloatVector d3 = load(a, aOffset + i + 2 * LANES).sub(load(b, bOffset + i + 2 * LANES));
      FloatVector d4 = load(a, aOffset + i + 3 * LANES).sub(load(b, bOffset + i + 3 * LANES));
      acc1 = d1.fma(d1, acc1);
      acc2 = d2.fma(d2, acc2);
      acc3 = d3.fma(d3, acc3);
      acc4 = d4.fma(d4, acc4);
    }
    for (; i < limit; i += LANES) {
      FloatVector d = load(a, aOffset + i).sub(load(b, bOffset + i));
      acc1 = d.fma(d, acc1);
    }
    return sum(acc1.add(acc2).add(acc3.add(acc4)));
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
    int r = 0;
    if (dimension >= 2 * LANES) {
      int limit = SPECIES.loopBound(dimension);
      for (; r + 4 <= count; r += 4) {
        dot4(query, queryOffset, rows, rowsOffset + r * dimension, dimension, limit, scores,
            scoresOffset + r);
      }
    }
    for (; r < count; r++) {
      scores[scoresOffset + r] =
          dimension >= 2 * LANES
              ? dot1(query, queryOffset, rows, rowsOffset + r * dimension, dimension)
              : dot(query, queryOffset, rows, rowsOffset + r * dimension, dimension);
    }
  }

  /** Scores the four rows from {@code first} into {@code scores[at, at + 4)}. */
  private static void dot4(
      float[] q, int qOffset, float[] rows, int first, int dimension, int limit, float[] scores,
      int at) {
    int o1 = first;
    int o2 = o1 + dimension;
    int o3 = o2 + dimension;
    int o4 = o3 + dimension;
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    FloatVector acc4 = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < limit; i += LANES) {
      FloatVector qv = load(q, qOffset + i);
      acc1 = qv.fma(load(rows, o1 + i), acc1);
      acc2 = qv.fma(load(rows, o2 + i), acc2);
      acc3 = qv.fma(load(rows, o3 + i), acc3);
      acc4 = qv.fma(load(rows, o4 + i), acc4);
    }
    float s1 = sum(acc1);
    float s2 = sum(acc2);
    float s3 = sum(acc3);
    float s4 = sum(acc4);
    for (; i < dimension; i++) {
      float qi = q[qOffset + i];
      s1 = Math.fma(qi, rows[o1 + i], s1);
      s2 = Math.fma(qi, rows[o2 + i], s2);
      s3 = Math.fma(qi, rows[o3 + i], s3);
      s4 = Math.fma(qi, rows[o4 + i], s4);
    }
    scores[at] = s1;
    scores[at + 1] = s2;
    scores[at + 2] = s3;
    scores[at + 3] = s4;
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
    int r = 0;
    if (dimension >= 2 * LANES) {
      int limit = SPECIES.loopBound(dimension);
      for (; r + 4 <= count; r += 4) {
        squaredDistance4(query, queryOffset, rows, rowsOffset + r * dimension, dimension, limit,
            scores, scoresOffset + r);
      }
    }
    for (; r < count; r++) {
      scores[scoresOffset + r] =
          dimension >= 2 * LANES
              ? squaredDistance1(query, queryOffset, rows, rowsOffset + r * dimension, dimension)
              : squaredDistance(query, queryOffset, rows, rowsOffset + r * dimension, dimension);
    }
  }

  /** One row the way {@link #dot4} scores each of its four. */
  private static float dot1(float[] q, int qOffset, float[] rows, int first, int dimension) {
    int limit = SPECIES.loopBound(dimension);
    FloatVector acc = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < limit; i += LANES) {
      acc = load(q, qOffset + i).fma(load(rows, first + i), acc);
    }
    float s = sum(acc);
    for (; i < dimension; i++) {
      s = Math.fma(q[qOffset + i], rows[first + i], s);
    }
    return s;
  }

  /** One row the way {@link #squaredDistance4} scores each of its four. */
  private static float squaredDistance1(
      float[] q, int qOffset, float[] rows, int first, int dimension) {
    int limit = SPECIES.loopBound(dimension);
    FloatVector acc = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < limit; i += LANES) {
      FloatVector d = load(q, qOffset + i).sub(load(rows, first + i));
      acc = d.fma(d, acc);
    }
    float s = sum(acc);
    for (; i < dimension; i++) {
      float d = q[qOffset + i] - rows[first + i];
      s = Math.fma(d, d, s);
    }
    return s;
  }

  /** As {@link #dot4}, with squared distances. */
  private static void squaredDistance4(
      float[] q, int qOffset, float[] rows, int first, int dimension, int limit, float[] scores,
      int at) {
    int o1 = first;
    int o2 = o1 + dimension;
    int o3 = o2 + dimension;
    int o4 = o3 + dimension;
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    FloatVector acc4 = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < limit; i += LANES) {
      FloatVector qv = load(q, qOffset + i);
      FloatVector d1 = qv.sub(load(rows, o1 + i));
      FloatVector d2 = qv.sub(load(rows, o2 + i));
      FloatVector d3 = qv.sub(load(rows, o3 + i));
      FloatVector d4 = qv.sub(load(rows, o4 + i));
      acc1 = d1.fma(d1, acc1);
      acc2 = d2.fma(d2, acc2);
      acc3 = d3.fma(d3, acc3);
      acc4 = d4.fma(d4, acc4);
    }
    float s1 = sum(acc1);
    float s2 = sum(acc2);
    float s3 = sum(acc3);
    float s4 = sum(acc4);
    for (; i < dimension; i++) {
      float qi = q[qOffset + i];
      float d1 = qi - rows[o1 + i];
      float d2 = qi - rows[o2 + i];
      float d3 = qi - rows[o3 + i];
      float d4 = qi - rows[o4 + i];
      s1 = Math.fma(d1, d1, s1);
      s2 = Math.fma(d2, d2, s2);
      s3 = Math.fma(d3, d3, s3);
      s4 = Math.fma(d4, d4, s4);
    }
    scores[at] = s1;
    scores[at + 1] = s2;
    scores[at + 2] = s3;
    scores[at + 3] = s4;
  }

  @Override
  public void dotBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores) {
    int q = 0;
    if (dimension >= 2 * LANES) {
      int limit = SPECIES.loopBound(dimension);
      for (; q + 2 <= queries.length; q += 2) {
        float[] qa = queries[q];
        float[] qb = queries[q + 1];
        int r = 0;
        for (; r + 4 <= count; r += 4) {
          dot2x4(qa, qb, rows, rowsOffset + r * dimension, dimension, limit, scores,
              q * count + r, count);
        }
        for (; r < count; r++) {
          int offset = rowsOffset + r * dimension;
          scores[q * count + r] = dot1(qa, 0, rows, offset, dimension);
          scores[(q + 1) * count + r] = dot1(qb, 0, rows, offset, dimension);
        }
      }
    }
    for (; q < queries.length; q++) {
      dotBulk(queries[q], 0, rows, rowsOffset, dimension, count, scores, q * count);
    }
  }

  /**
   * Scores queries {@code qa} and {@code qb} against the four rows from {@code first}: row {@code
   * i} of {@code qa} into {@code scores[at + i]}, of {@code qb} into {@code scores[at + stride +
   * i]}. Each pair is summed exactly as {@link #dot4} sums it.
   */
  private static void dot2x4(
      float[] qa, float[] qb, float[] rows, int first, int dimension, int limit, float[] scores,
      int at, int stride) {
    int o1 = first;
    int o2 = o1 + dimension;
    int o3 = o2 + dimension;
    int o4 = o3 + dimension;
    FloatVector a1 = FloatVector.zero(SPECIES);
    FloatVector a2 = FloatVector.zero(SPECIES);
    FloatVector a3 = FloatVector.zero(SPECIES);
    FloatVector a4 = FloatVector.zero(SPECIES);
    FloatVector b1 = FloatVector.zero(SPECIES);
    FloatVector b2 = FloatVector.zero(SPECIES);
    FloatVector b3 = FloatVector.zero(SPECIES);
    FloatVector b4 = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < limit; i += LANES) {
      FloatVector va = load(qa, i);
      FloatVector vb = load(qb, i);
      FloatVector r1 = load(rows, o1 + i);
      FloatVector r2 = load(rows, o2 + i);
      FloatVector r3 = load(rows, o3 + i);
      FloatVector r4 = load(rows, o4 + i);
      a1 = va.fma(r1, a1);
      a2 = va.fma(r2, a2);
      a3 = va.fma(r3, a3);
      a4 = va.fma(r4, a4);
      b1 = vb.fma(r1, b1);
      b2 = vb.fma(r2, b2);
      b3 = vb.fma(r3, b3);
      b4 = vb.fma(r4, b4);
    }
    float sa1 = sum(a1);
    float sa2 = sum(a2);
    float sa3 = sum(a3);
    float sa4 = sum(a4);
    float sb1 = sum(b1);
    float sb2 = sum(b2);
    float sb3 = sum(b3);
    float sb4 = sum(b4);
    for (; i < dimension; i++) {
      float x = qa[i];
      float y = qb[i];
      sa1 = Math.fma(x, rows[o1 + i], sa1);
      sa2 = Math.fma(x, rows[o2 + i], sa2);
      sa3 = Math.fma(x, rows[o3 + i], sa3);
      sa4 = Math.fma(x, rows[o4 + i], sa4);
      sb1 = Math.fma(y, rows[o1 + i], sb1);
      sb2 = Math.fma(y, rows[o2 + i], sb2);
      sb3 = Math.fma(y, rows[o3 + i], sb3);
      sb4 = Math.fma(y, rows[o4 + i], sb4);
    }
    scores[at] = sa1;
    scores[at + 1] = sa2;
    scores[at + 2] = sa3;
    scores[at + 3] = sa4;
    scores[at + stride] = sb1;
    scores[at + stride + 1] = sb2;
    scores[at + stride + 2] = sb3;
    scores[at + stride + 3] = sb4;
  }

  @Override
  public void squaredDistanceBulkMulti(
      float[][] queries, float[] rows, int rowsOffset, int dimension, int count, float[] scores) {
    int q = 0;
    if (dimension >= 2 * LANES) {
      int limit = SPECIES.loopBound(dimension);
      for (; q + 2 <= queries.length; q += 2) {
        float[] qa = queries[q];
        float[] qb = queries[q + 1];
        int r = 0;
        for (; r + 4 <= count; r += 4) {
          squaredDistance2x4(qa, qb, rows, rowsOffset + r * dimension, dimension, limit, scores,
              q * count + r, count);
        }
        for (; r < count; r++) {
          int offset = rowsOffset + r * dimension;
          scores[q * count + r] = squaredDistance1(qa, 0, rows, offset, dimension);
          scores[(q + 1) * count + r] = squaredDistance1(qb, 0, rows, offset, dimension);
        }
      }
    }
    for (; q < queries.length; q++) {
      squaredDistanceBulk(queries[q], 0, rows, rowsOffset, dimension, count, scores, q * count);
    }
  }

  /** As {@link #dot2x4}, with squared distances summed as {@link #squaredDistance4} sums them. */
  private static void squaredDistance2x4(
      float[] qa, float[] qb, float[] rows, int first, int dimension, int limit, float[] scores,
      int at, int stride) {
    int o1 = first;
    int o2 = o1 + dimension;
    int o3 = o2 + dimension;
    int o4 = o3 + dimension;
    FloatVector a1 = FloatVector.zero(SPECIES);
    FloatVector a2 = FloatVector.zero(SPECIES);
    FloatVector a3 = FloatVector.zero(SPECIES);
    FloatVector a4 = FloatVector.zero(SPECIES);
    FloatVector b1 = FloatVector.zero(SPECIES);
    FloatVector b2 = FloatVector.zero(SPECIES);
    FloatVector b3 = FloatVector.zero(SPECIES);
    FloatVector b4 = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < limit; i += LANES) {
      FloatVector va = load(qa, i);
      FloatVector vb = load(qb, i);
      FloatVector r1 = load(rows, o1 + i);
      FloatVector r2 = load(rows, o2 + i);
      FloatVector r3 = load(rows, o3 + i);
      FloatVector r4 = load(rows, o4 + i);
      FloatVector d;
      d = va.sub(r1);
      a1 = d.fma(d, a1);
      d = va.sub(r2);
      a2 = d.fma(d, a2);
      d = va.sub(r3);
      a3 = d.fma(d, a3);
      d = va.sub(r4);
      a4 = d.fma(d, a4);
      d = vb.sub(r1);
      b1 = d.fma(d, b1);
      d = vb.sub(r2);
      b2 = d.fma(d, b2);
      d = vb.sub(r3);
      b3 = d.fma(d, b3);
      d = vb.sub(r4);
      b4 = d.fma(d, b4);
    }
    float sa1 = sum(a1);
    float sa2 = sum(a2);
    float sa3 = sum(a3);
    float sa4 = sum(a4);
    float sb1 = sum(b1);
    float sb2 = sum(b2);
    float sb3 = sum(b3);
    float sb4 = sum(b4);
    for (; i < dimension; i++) {
      float x = qa[i];
      float y = qb[i];
      float d;
      d = x - rows[o1 + i];
      sa1 = Math.fma(d, d, sa1);
      d = x - rows[o2 + i];
      sa2 = Math.fma(d, d, sa2);
      d = x - rows[o3 + i];
      sa3 = Math.fma(d, d, sa3);
      d = x - rows[o4 + i];
      sa4 = Math.fma(d, d, sa4);
      d = y - rows[o1 + i];
      sb1 = Math.fma(d, d, sb1);
      d = y - rows[o2 + i];
      sb2 = Math.fma(d, d, sb2);
      d = y - rows[o3 + i];
      sb3 = Math.fma(d, d, sb3);
      d = y - rows[o4 + i];
      sb4 = Math.fma(d, d, sb4);
    }
    scores[at] = sa1;
    scores[at + 1] = sa2;
    scores[at + 2] = sa3;
    scores[at + 3] = sa4;
    scores[at + stride] = sb1;
    scores[at + stride + 1] = sb2;
    scores[at + stride + 2] = sb3;
    scores[at + stride + 3] = sb4;
  }

  /**
   * The sum of the lanes of {@code v}, added in one fixed order whatever compiles it: on Java 17
   * by {@code reduceLanes}, which adds lane 0, 1, 2, … in turn there; elsewhere by extracting the
   * lanes (exact) and adding them in a fixed tree. Measured on Java 25, a butterfly of {@code
   * rearrange}d copies and a halving by {@code reinterpretShape} both made the cache-bound bulk
   * kernels slower than this lane tree (by up to 2×); the unordered {@code reduceLanes} makes them
   * about 2× faster, the price of scores that do not change at warm-up. Storing the vector into
   * a scratch array and adding the floats from there in this same order made the memory-bound
   * single-query scan faster (100k × 512 on Java 25: 1.21× the Lucene scan against 1.09×, medians
   * of 4 JVMs) but the same bulk kernel 1.6–1.8× slower on rows in cache (KernelRatios, 512 and
   * 1280 dimensions), and the variants tried to keep both (the sums of one group deferred to the
   * next; a scratch array per group) were slower still or compiled into 10× slower code at 128
   * dimensions: not adopted.
   */
  private static float sum(FloatVector v) {
    if (REDUCE_LANES_IN_ORDER) {
      return v.reduceLanes(VectorOperators.ADD);
    }
    float low = (v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3));
    if (LANES == 4) {
      return low;
    }
    low += (v.lane(4) + v.lane(5)) + (v.lane(6) + v.lane(7));
    if (LANES == 8) {
      return low;
    }
    float high = (v.lane(8) + v.lane(9)) + (v.lane(10) + v.lane(11));
    high += (v.lane(12) + v.lane(13)) + (v.lane(14) + v.lane(15));
    return low + high;
  }

  @Override
  public void decodeInt8(
      byte[] codes, int codesOffset, float scale, float[] out, int outOffset, int length) {
    int i = 0;
    if (SIMD_INT8) {
      for (int bound = length - LANES; i <= bound; i += LANES) {
        FloatVector values =
            (FloatVector)
                ByteVector.fromArray(BYTES, codes, codesOffset + i)
                    .convertShape(VectorOperators.B2F, SPECIES, 0);
        values.mul(scale).intoArray(out, outOffset + i);
      }
    }
    for (; i < length; i++) {
      out[outOffset + i] = codes[codesOffset + i] * scale;
    }
  }

  /** As {@link ScalarKernels#halfToFloat}, a vector of halves at a time: exact, like it. */
  @Override
  public void decodeFloat16(short[] bits, int bitsOffset, float[] out, int outOffset, int length) {
    int i = 0;
    for (int bound = length - LANES; i <= bound; i += LANES) {
      // S2I sign-extends; the masks below take the sign bit and the magnitude apart anyway.
      IntVector half =
          (IntVector)
              ShortVector.fromArray(SHORTS, bits, bitsOffset + i)
                  .convertShape(VectorOperators.S2I, INTS, 0);
      IntVector single =
          half.and(0x8000)
              .lanewise(VectorOperators.LSHL, 16)
              .or(half.and(0x7fff).lanewise(VectorOperators.LSHL, 13));
      single.reinterpretAsFloats().mul(0x1p112f).intoArray(out, outOffset + i);
    }
    for (; i < length; i++) {
      out[outOffset + i] = ScalarKernels.halfToFloat(bits[bitsOffset + i]);
    }
  }

  private static FloatVector load(float[] array, int offset) {
    return FloatVector.fromArray(SPECIES, array, offset);
  }
}
