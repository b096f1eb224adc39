package dev.visualsearch.index.flat;

import java.util.Random;

/** Seeded vector generators for tests. Every caller prints the seed it used. */
final class TestVectors {

  private TestVectors() {}

  /** A {@link Random} for {@code seed}, after printing the seed so a failure can be replayed. */
  static Random seeded(String what, long seed) {
    System.out.println(what + ": seed=" + seed);
    return new Random(seed);
  }

  /** {@code count} vectors with independent standard normal components. */
  static float[][] gaussian(Random random, int count, int dimension) {
    float[][] vectors = new float[count][];
    for (int i = 0; i < count; i++) {
      vectors[i] = gaussian(random, dimension);
    }
    return vectors;
  }

  static float[] gaussian(Random random, int dimension) {
    float[] vector = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      vector[d] = (float) random.nextGaussian();
    }
    return vector;
  }

  /**
   * {@code count} vectors in tight clusters around a few random centres, like embeddings of
   * near-duplicate images: many scores close together, which is where ranking bugs show.
   */
  static float[][] clustered(Random random, int count, int dimension) {
    float[][] centres = gaussian(random, Math.max(1, count / 20), dimension);
    float[][] vectors = new float[count][];
    for (int i = 0; i < count; i++) {
      float[] centre = centres[random.nextInt(centres.length)];
      float[] vector = new float[dimension];
      for (int d = 0; d < dimension; d++) {
        vector[d] = centre[d] + 0.05f * (float) random.nextGaussian();
      }
      vectors[i] = vector;
    }
    return vectors;
  }
}
