package dev.visualsearch.vector;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ratios of {@link VectorKernelBenchmark} for machines too loaded for JMH (see {@code
 * ScanRatios}): each round times the scalar and the SIMD kernel one after the other in one JVM,
 * on the same cached data, and the ratio is taken of the medians.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/visualsearch-benchmarks.jar \
 *     dev.visualsearch.vector.KernelRatios
 * </pre>
 */
public final class KernelRatios {

  private static final int ROWS = 64;
  private static final int ROUNDS = 41;
  private static final int REPEATS = 2000;

  private KernelRatios() {}

  /** Prints one line per dimension: dot and bulk dot, scalar and SIMD, per row. */
  public static void main(String[] args) {
    PanamaKernels.checkUsable();
    System.out.println(
        "Java " + Runtime.version().feature() + ", SIMD " + PanamaKernels.shape()
            + "; ns per scored row (median of " + ROUNDS + " rounds), scalar / panama");
    for (int dimension : new int[] {128, 256, 512, 768, 1024, 1280}) {
      SplittableRandom random = new SplittableRandom(dimension);
      float[] query = new float[dimension];
      float[] rows = new float[ROWS * dimension];
      for (int i = 0; i < dimension; i++) {
        query[i] = (float) random.nextDouble();
      }
      for (int i = 0; i < rows.length; i++) {
        rows[i] = (float) random.nextDouble();
      }
      float[] scores = new float[ROWS];
      KernelImplementation[] sides = {ScalarKernels.INSTANCE, PanamaKernels.INSTANCE};
      long[][] dot = new long[2][ROUNDS];
      long[][] bulk = new long[2][ROUNDS];
      float sink = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (int s = 0; s < 2; s++) {
          KernelImplementation kernels = sides[s];
          long t0 = System.nanoTime();
          for (int rep = 0; rep < REPEATS; rep++) {
            sink += kernels.dot(query, 0, rows, (rep % ROWS) * dimension, dimension);
          }
          long t1 = System.nanoTime();
          for (int rep = 0; rep < REPEATS / ROWS; rep++) {
            kernels.dotBulk(query, 0, rows, 0, dimension, ROWS, scores, 0);
            sink += scores[rep % ROWS];
          }
          long t2 = System.nanoTime();
          dot[s][round] = t1 - t0;
          bulk[s][round] = t2 - t1;
        }
      }
      double[] dotNs = {perRow(dot[0], REPEATS), perRow(dot[1], REPEATS)};
      double[] bulkNs = {perRow(bulk[0], REPEATS / ROWS * ROWS), perRow(bulk[1], REPEATS / ROWS * ROWS)};
      System.out.printf(
          Locale.ROOT,
          "dimension %4d: dot %.1f / %.1f ns = %.1fx | dotBulk %.1f / %.1f ns = %.1fx  (%s)%n",
          dimension, dotNs[0], dotNs[1], dotNs[0] / dotNs[1], bulkNs[0], bulkNs[1],
          bulkNs[0] / bulkNs[1], sink);
    }
  }

  private static double perRow(long[] nanos, int rows) {
    long[] kept = Arrays.copyOfRange(nanos, nanos.length / 3, nanos.length);
    Arrays.sort(kept);
    return (double) kept[kept.length / 2] / rows;
  }
}
