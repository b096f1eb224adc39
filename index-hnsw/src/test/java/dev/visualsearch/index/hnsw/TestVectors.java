package dev.visualsearch.index.hnsw;

import java.util.SplittableRandom;

/** Seeded vector generators for tests. Every caller prints the seed it used. */
final class TestVectors {

  private TestVectors() {}

  /** A generator for {@code seed}, after printing the seed so a failure can be replayed. */
  static SplittableRandom seeded(String what, long seed) {
    System.out.println(what + ": seed=" + seed);
    return new SplittableRandom(seed);
  }

  /**
   * {@code count} vectors of {@code dimension} with a low intrinsic dimension, like image
   * embeddings rather than noise: points scattered around {@code clusters} centres in a
   * {@code latent}-dimensional space, mapped into the full dimension by one fixed random linear
   * map, plus a little isotropic noise. Uniform noise would be the wrong test for a graph index:
   * in high dimension all its distances are nearly equal and no neighbour is "near".
   */
  static float[][] clustered(
      SplittableRandom random, int count, int dimension, int latent, int clusters) {
    double[][] map = new double[dimension][latent];
    for (double[] row : map) {
      for (int j = 0; j < latent; j++) {
        row[j] = random.nextGaussian() / Math.sqrt(latent);
      }
    }
    double[][] centres = new double[clusters][latent];
    for (double[] centre : centres) {
      for (int j = 0; j < latent; j++) {
        centre[j] = random.nextGaussian();
      }
    }
    float[][] vectors = new float[count][dimension];
    double[] point = new double[latent];
    for (int i = 0; i < count; i++) {
      double[] centre = centres[random.nextInt(clusters)];
      for (int j = 0; j < latent; j++) {
        point[j] = centre[j] + 0.6 * random.nextGaussian();
      }
      for (int d = 0; d < dimension; d++) {
        double sum = 0;
        for (int j = 0; j < latent; j++) {
          sum += map[d][j] * point[j];
        }
        vectors[i][d] = (float) (sum + 0.05 * random.nextGaussian());
      }
    }
    return vectors;
  }

  /** The default test set: 16-dimensional structure in 64 dimensions, 50 clusters. */
  static float[][] clustered(SplittableRandom random, int count) {
    return clustered(random, count, 64, 16, 50);
  }

  /** {@code count} vectors with independent standard normal components. */
  static float[][] gaussian(SplittableRandom random, int count, int dimension) {
    float[][] vectors = new float[count][dimension];
    for (float[] vector : vectors) {
      for (int d = 0; d < dimension; d++) {
        vector[d] = (float) random.nextGaussian();
      }
    }
    return vectors;
  }
}
