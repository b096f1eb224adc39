package dev.visualsearch.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The Vector API kernels equal the scalar ones on awkward lengths and offsets, within a tolerance
 * that grows with the length (the two sum in different orders). Runs only where {@code
 * jdk.incubator.vector} is readable: in Surefire's {@code vector-api} execution.
 */
@EnabledIf("dev.visualsearch.vector.KernelTesting#vectorModuleReadable")
class PanamaKernelsTest {

  private static final KernelImplementation SIMD = PanamaKernels.INSTANCE;
  private static final KernelImplementation SCALAR = ScalarKernels.INSTANCE;

  @Test
  void singlePairKernelsMatchScalar() {
    Random random = KernelTesting.seeded("panama single-pair", 20240611L);
    for (int length : KernelTesting.LENGTHS) {
      int aOffset = random.nextInt(7);
      int bOffset = random.nextInt(7);
      float[] a = KernelTesting.gaussian(random, aOffset + length + random.nextInt(3));
      float[] b = KernelTesting.gaussian(random, bOffset + length + random.nextInt(3));
      float tolerance = KernelTesting.tolerance(length);

      assertThat(SIMD.dot(a, aOffset, b, bOffset, length))
          .as("dot, length %d, offsets %d/%d", length, aOffset, bOffset)
          .isCloseTo(SCALAR.dot(a, aOffset, b, bOffset, length), offset(tolerance));
      assertThat(SIMD.squaredDistance(a, aOffset, b, bOffset, length))
          .as("squared distance, length %d, offsets %d/%d", length, aOffset, bOffset)
          .isCloseTo(SCALAR.squaredDistance(a, aOffset, b, bOffset, length), offset(2 * tolerance));
    }
  }

  @Test
  void bulkKernelsMatchScalar() {
    Random random = KernelTesting.seeded("panama bulk", 77L);
    for (int dimension : KernelTesting.LENGTHS) {
      // Row counts around the four rows a pass scores, so every remainder is covered.
      for (int count : new int[] {0, 1, 3, 4, 5, 9}) {
        int queryOffset = random.nextInt(5);
        int rowsOffset = random.nextInt(5);
        int scoresOffset = random.nextInt(3);
        float[] query = KernelTesting.gaussian(random, queryOffset + dimension);
        float[] rows = KernelTesting.gaussian(random, rowsOffset + count * dimension + 2);
        float[] simd = new float[scoresOffset + count + 1];
        float[] scalar = new float[scoresOffset + count + 1];
        float tolerance = KernelTesting.tolerance(dimension);

        SIMD.dotBulk(query, queryOffset, rows, rowsOffset, dimension, count, simd, scoresOffset);
        SCALAR.dotBulk(query, queryOffset, rows, rowsOffset, dimension, count, scalar, scoresOffset);
        for (int r = 0; r < scalar.length; r++) {
          assertThat(simd[r])
              .as("dot bulk, dimension %d, count %d, score %d", dimension, count, r)
              .isCloseTo(scalar[r], offset(tolerance));
        }

        SIMD.squaredDistanceBulk(
            query, queryOffset, rows, rowsOffset, dimension, count, simd, scoresOffset);
        SCALAR.squaredDistanceBulk(
            query, queryOffset, rows, rowsOffset, dimension, count, scalar, scoresOffset);
        for (int r = 0; r < scalar.length; r++) {
          assertThat(simd[r])
              .as("squared distance bulk, dimension %d, count %d, score %d", dimension, count, r)
              .isCloseTo(scalar[r], offset(2 * tolerance));
        }
      }
    }
  }

  @Test
  void multiQueryKernelsMatchScalar() {
    Random random = KernelTesting.seeded("panama multi", 91L);
    for (int dimension : KernelTesting.LENGTHS) {
      int queryCount = 1 + random.nextInt(5);
      int count = random.nextInt(10);
      float[][] queries = new float[queryCount][];
      for (int q = 0; q < queryCount; q++) {
        queries[q] = KernelTesting.gaussian(random, dimension);
      }
      float[] rows = KernelTesting.gaussian(random, 1 + count * dimension);
      float[] simd = new float[queryCount * count];
      float[] scalar = new float[queryCount * count];
      float tolerance = KernelTesting.tolerance(dimension);

      SIMD.dotBulkMulti(queries, rows, 1, dimension, count, simd);
      SCALAR.dotBulkMulti(queries, rows, 1, dimension, count, scalar);
      for (int i = 0; i < simd.length; i++) {
        assertThat(simd[i]).as("dot, dimension %d, score %d", dimension, i)
            .isCloseTo(scalar[i], offset(tolerance));
      }
      SIMD.squaredDistanceBulkMulti(queries, rows, 1, dimension, count, simd);
      SCALAR.squaredDistanceBulkMulti(queries, rows, 1, dimension, count, scalar);
      for (int i = 0; i < simd.length; i++) {
        assertThat(simd[i]).as("distance, dimension %d, score %d", dimension, i)
            .isCloseTo(scalar[i], offset(2 * tolerance));
      }
    }
  }

  @Test
  void decodingEqualsScalarDecodingExactly() {
    Random random = KernelTesting.seeded("panama decode", 8L);
    // Every finite half, at an odd offset so vectors straddle the array's start and end.
    short[] halves = new short[1 + 0xf800];
    int count = 0;
    for (int bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) != 0x7c00) {
        halves[1 + count++] = (short) bits;
      }
    }
    float[] simd = new float[count + 3];
    float[] scalar = new float[count + 3];
    SIMD.decodeFloat16(halves, 1, simd, 2, count);
    SCALAR.decodeFloat16(halves, 1, scalar, 2, count);
    assertThat(simd).containsExactly(scalar);

    for (int length : KernelTesting.LENGTHS) {
      byte[] codes = new byte[length + 5];
      random.nextBytes(codes);
      float scale = (float) random.nextGaussian();
      float[] a = new float[length + 2];
      float[] b = new float[length + 2];
      SIMD.decodeInt8(codes, 3, scale, a, 1, length);
      SCALAR.decodeInt8(codes, 3, scale, b, 1, length);
      assertThat(a).as("int8, length %d", length).containsExactly(b);
    }
  }

  @Test
  void smallIntegerVectorsAreExact() {
    float[] a = new float[100];
    float[] b = new float[100];
    long dot = 0;
    long distance = 0;
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 7;
      b[i] = 3 - i % 5;
      dot += (long) (i % 7) * (3 - i % 5);
      distance += (long) (i % 7 - (3 - i % 5)) * (i % 7 - (3 - i % 5));
    }

    assertThat(SIMD.dot(a, 0, b, 0, a.length)).isEqualTo(dot);
    assertThat(SIMD.squaredDistance(a, 0, b, 0, a.length)).isEqualTo(distance);
  }

  /**
   * The lanes are summed in a fixed order, so a pair scores the same before and after the JIT
   * compiles the kernel (with {@code reduceLanes} it did not on Java 25). Equal vectors then tie
   * exactly, whenever they are scored.
   */
  @Test
  void scoresDoNotChangeWhenTheKernelIsCompiled() {
    Random random = KernelTesting.seeded("panama warm-up", 25L);
    int pairs = 64;
    float[][] a = new float[pairs][];
    float[][] b = new float[pairs][];
    float[] before = new float[pairs];
    for (int p = 0; p < pairs; p++) {
      int length = 64 + p;
      a[p] = new float[length];
      b[p] = KernelTesting.gaussian(random, length);
      for (int i = 0; i < length; i++) {
        // Magnitudes over twelve decades: any change of summation order shows.
        a[p][i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6));
      }
      before[p] = SIMD.dot(a[p], 0, b[p], 0, length);
    }
    float sink = 0;
    for (int i = 0; i < 200_000; i++) {
      int p = i % pairs;
      sink += SIMD.dot(a[p], 0, b[p], 0, a[p].length);
    }
    System.out.println("warm-up sum " + sink);

    for (int p = 0; p < pairs; p++) {
      assertThat(SIMD.dot(a[p], 0, b[p], 0, a[p].length)).as("pair %d", p).isEqualTo(before[p]);
    }
  }
}
