package dev.visualsearch.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The unrolled kernels equal a double-precision reference, at awkward lengths and offsets. */
class ScalarKernelsTest {

  private static final int[] LENGTHS = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 16, 25, 32, 64, 100, 128, 207, 256, 300, 512, 702, 1024, 1536,
    2046, 2048, 4096, 4098
  };

  @Test
  void dotAndSquaredDistanceMatchReference() {
    long seed = 99L;
    System.out.println("kernels: seed=" + seed);
    Random random = new Random(seed);
    for (int length : LENGTHS) {
      int aOffset = random.nextInt(5);
      int bOffset = random.nextInt(5);
      float[] a = gaussian(random, aOffset + length + 3);
      float[] b = gaussian(random, bOffset + length + 3);
      double dot = 0;
      double distance = 0;
      for (int i = 0; i < length; i++) {
        dot += (double) a[aOffset + i] * b[bOffset + i];
        double d = (double) a[aOffset + i] - b[bOffset + i];
        distance += d * d;
      }
      // Rounding grows with the number of terms; 1e-6 per term is generous for float.
      float tolerance = 1e-6f * (length + 1) * 4;

      assertThat(ScalarKernels.INSTANCE.dot(a, aOffset, b, bOffset, length))
          .as("dot, length %d", length)
          .isCloseTo((float) dot, offset(tolerance));
      assertThat(ScalarKernels.INSTANCE.squaredDistance(a, aOffset, b, bOffset, length))
          .as("squared distance, length %d", length)
          .isCloseTo((float) distance, offset(tolerance * 2));
    }
  }

  @Test
  void smallIntegerVectorsAreExact() {
    float[] a = {0, 1, 2, 3, 4, 5, 6};
    float[] b = {9, 1, 1, 2, 2, 3, 3, 0};

    assertThat(ScalarKernels.INSTANCE.dot(a, 1, b, 1, 6)).isEqualTo(1 + 2 + 6 + 8 + 15 + 18);
    assertThat(ScalarKernels.INSTANCE.squaredDistance(a, 0, b, 2, 6)).isEqualTo(1 + 1 + 0 + 0 + 1 + 25);
  }

  private static float[] gaussian(Random random, int length) {
    float[] vector = new float[length];
    for (int i = 0; i < length; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }
}
