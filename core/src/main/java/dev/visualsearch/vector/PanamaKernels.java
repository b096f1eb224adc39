package dev.visualsearch.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
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
 *   <li>The bulk kernels score four rows per pass: each query vector loaded is used four times,
 *       and the four rows give the four independent accumulator chains.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class PanamaKernels implements KernelImplementation {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  /** Narrower vectors than this gain nothing over scalar code; see {@link #checkUsable}. */
  static final int MIN_VECTOR_BITS = 128;

  static final PanamaKernels INSTANCE = new PanamaKernels();

  private PanamaKernels() {}

  /**
   * Throws if this CPU's vectors are too narrow to pay for the SIMD path.
   *
   * @throws UnsupportedOperationException naming the vector size found
   */
  static void checkUsable() {
    if (SPECIES.vectorBitSize() < MIN_VECTOR_BITS) {
      throw new UnsupportedOperationException(
          "preferred vector size "
              + SPECIES.vectorBitSize()
              + " bits is below "
              + MIN_VECTOR_BITS
              + " bits");
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
    return acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
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
    return acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
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
      scores[scoresOffset + r] = dot(query, queryOffset, rows, rowsOffset + r * dimension, dimension);
    }
  }

  /** Scores the four rows starting at {@code first} into {@code scores[at .. at + 3]}. */
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
    float s1 = acc1.reduceLanes(VectorOperators.ADD);
    float s2 = acc2.reduceLanes(VectorOperators.ADD);
    float s3 = acc3.reduceLanes(VectorOperators.ADD);
    float s4 = acc4.reduceLanes(VectorOperators.ADD);
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
          squaredDistance(query, queryOffset, rows, rowsOffset + r * dimension, dimension);
    }
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
    float s1 = acc1.reduceLanes(VectorOperators.ADD);
    float s2 = acc2.reduceLanes(VectorOperators.ADD);
    float s3 = acc3.reduceLanes(VectorOperators.ADD);
    float s4 = acc4.reduceLanes(VectorOperators.ADD);
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

  private static FloatVector load(float[] array, int offset) {
    return FloatVector.fromArray(SPECIES, array, offset);
  }
}
