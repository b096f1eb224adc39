package dev.visualsearch.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The facade's bulk scoring equals its single-pair scoring row by row, whichever implementation
 * is active, and checks its bounds before any implementation runs.
 */
class VectorKernelsBulkTest {

  @Test
  void bulkScoresEqualSinglePairScores() {
    Random random = KernelTesting.seeded("facade bulk", 5L);
    for (int dimension : new int[] {1, 7, 32, 100, 512, 1280}) {
      int count = 11;
      float[] query = KernelTesting.gaussian(random, dimension + 1);
      float[] rows = KernelTesting.gaussian(random, 3 + count * dimension);
      float[] dots = new float[count];
      float[] distances = new float[count];

      VectorKernels.dotBulk(query, 1, rows, 3, dimension, count, dots, 0);
      VectorKernels.squaredDistanceBulk(query, 1, rows, 3, dimension, count, distances, 0);

      float tolerance = KernelTesting.tolerance(dimension);
      for (int r = 0; r < count; r++) {
        int offset = 3 + r * dimension;
        assertThat(dots[r])
            .as("dot, dimension %d, row %d", dimension, r)
            .isCloseTo(VectorKernels.dot(query, 1, rows, offset, dimension), offset(tolerance));
        assertThat(distances[r])
            .as("distance, dimension %d, row %d", dimension, r)
            .isCloseTo(
                VectorKernels.squaredDistance(query, 1, rows, offset, dimension),
                offset(2 * tolerance));
      }
    }
  }

  /**
   * A row's bulk score does not depend on the rows scored with it (the SIMD kernel scores four
   * per pass): the scan and a re-score of one row must agree exactly.
   */
  @Test
  void aRowScoresTheSameAloneAndInABatch() {
    Random random = KernelTesting.seeded("bulk grouping", 6L);
    for (int dimension : new int[] {5, 40, 512, 1283}) {
      int count = 9;
      float[] query = KernelTesting.gaussian(random, dimension);
      float[] rows = KernelTesting.gaussian(random, count * dimension);
      float[] together = new float[count];
      float[] alone = new float[1];
      VectorKernels.dotBulk(query, 0, rows, 0, dimension, count, together, 0);
      for (int r = 0; r < count; r++) {
        VectorKernels.dotBulk(query, 0, rows, r * dimension, dimension, 1, alone, 0);
        assertThat(alone[0]).as("dot, dimension %d, row %d", dimension, r).isEqualTo(together[r]);
      }
      VectorKernels.squaredDistanceBulk(query, 0, rows, 0, dimension, count, together, 0);
      for (int r = 0; r < count; r++) {
        VectorKernels.squaredDistanceBulk(query, 0, rows, r * dimension, dimension, 1, alone, 0);
        assertThat(alone[0]).as("distance, dimension %d, row %d", dimension, r)
            .isEqualTo(together[r]);
      }
    }
  }

  /** Batched scoring gives each query exactly its single-query bulk scores. */
  @Test
  void multiQueryScoresEqualSingleQueryBulkScores() {
    Random random = KernelTesting.seeded("bulk multi", 64L);
    for (int dimension : new int[] {1, 5, 40, 512, 1283}) {
      for (int queryCount : new int[] {0, 1, 2, 3, 5}) {
        for (int count : new int[] {0, 1, 4, 7, 9}) {
          float[][] queries = new float[queryCount][];
          for (int q = 0; q < queryCount; q++) {
            // Longer than the dimension: only the first floats count.
            queries[q] = KernelTesting.gaussian(random, dimension + q);
          }
          int rowsOffset = random.nextInt(4);
          float[] rows = KernelTesting.gaussian(random, rowsOffset + count * dimension);
          float[] dots = new float[queryCount * count + 2];
          float[] distances = new float[queryCount * count + 2];
          VectorKernels.dotBulkMulti(queries, rows, rowsOffset, dimension, count, dots);
          VectorKernels.squaredDistanceBulkMulti(
              queries, rows, rowsOffset, dimension, count, distances);

          float[] single = new float[count];
          for (int q = 0; q < queryCount; q++) {
            VectorKernels.dotBulk(queries[q], 0, rows, rowsOffset, dimension, count, single, 0);
            for (int r = 0; r < count; r++) {
              assertThat(dots[q * count + r])
                  .as("dot, dimension %d, query %d of %d, row %d", dimension, q, queryCount, r)
                  .isEqualTo(single[r]);
            }
            VectorKernels.squaredDistanceBulk(
                queries[q], 0, rows, rowsOffset, dimension, count, single, 0);
            for (int r = 0; r < count; r++) {
              assertThat(distances[q * count + r])
                  .as("distance, dimension %d, query %d of %d, row %d", dimension, q, queryCount, r)
                  .isEqualTo(single[r]);
            }
          }
        }
      }
    }
  }

  @Test
  void multiQuerySlicesOutsideTheirArraysAreRejected() {
    float[][] queries = {new float[4], new float[3]};
    float[] rows = new float[8];

    assertThatThrownBy(() -> VectorKernels.dotBulkMulti(queries, rows, 0, 4, 2, new float[4]))
        .isInstanceOf(IndexOutOfBoundsException.class);
    float[][] fine = {new float[4], new float[4]};
    assertThatThrownBy(() -> VectorKernels.dotBulkMulti(fine, rows, 0, 4, 2, new float[3]))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("2 queries × 2 rows");
    assertThatThrownBy(
            () -> VectorKernels.squaredDistanceBulkMulti(fine, rows, 1, 4, 2, new float[4]))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(
            () -> VectorKernels.dotBulkMulti(new float[][] {null}, rows, 0, 4, 2, new float[4]))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("queries[0]");
  }

  @Test
  void decodingGivesTheEncodedValues() {
    float[] out = new float[5];
    VectorKernels.decodeInt8(new byte[] {9, -127, 0, 127, 5}, 1, 0.5f, out, 1, 3);
    assertThat(out).containsExactly(0, -63.5f, 0, 63.5f, 0);

    // 1.0, -2.0, the largest half, the smallest subnormal.
    short[] halves = {0x3c00, (short) 0xc000, 0x7bff, 0x0001};
    VectorKernels.decodeFloat16(halves, 0, out, 1, 4);
    assertThat(out).containsExactly(0, 1f, -2f, 65504f, 0x1p-24f);

    assertThatThrownBy(() -> VectorKernels.decodeInt8(new byte[2], 1, 1f, out, 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> VectorKernels.decodeFloat16(new short[4], 0, out, 2, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void slicesOutsideTheirArraysAreRejected() {
    float[] query = new float[4];
    float[] rows = new float[4 * 3];
    float[] scores = new float[3];

    assertThatThrownBy(() -> VectorKernels.dotBulk(query, 1, rows, 0, 4, 3, scores, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> VectorKernels.dotBulk(query, 0, rows, 1, 4, 3, scores, 0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("3 rows of 4 floats from 1");
    assertThatThrownBy(() -> VectorKernels.squaredDistanceBulk(query, 0, rows, 0, 4, 3, scores, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(
            () -> VectorKernels.dotBulk(query, 0, rows, 0, 4, Integer.MAX_VALUE, scores, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> VectorKernels.dotBulk(query, 0, rows, 0, 4, -1, scores, 0))
        .withMessageContaining("count=-1");
  }
}
