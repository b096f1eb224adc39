package dev.visualsearch.benchmarks.hnsw;

import java.util.SplittableRandom;

/**
 * Synthetic vectors with a low intrinsic dimension, the stand-in for embeddings when no real ones
 * are wanted: points scattered around cluster centres in a 32-dimensional latent space, mapped
 * into the full dimension by one fixed random linear map, plus a little isotropic noise. Uniform
 * noise would measure nothing useful: in high dimension all its distances are nearly equal.
 *
 * <p>The clusters overlap (spread equal to the spread of the centres), so the nearest neighbours
 * of a point are not simply its cluster: recall@10 of 0.95 takes an HNSW beam of a few dozen.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClusteredVectors {

  static final int LATENT = 32;
  static final int CLUSTERS = 1000;

  private ClusteredVectors() {}

  /** {@code count} vectors of {@code dimension} from {@code seed}; the first rows of any count agree. */
  public static float[][] generate(int count, int dimension, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] map = new double[dimension][LATENT];
    for (double[] row : map) {
      for (int j = 0; j < LATENT; j++) {
        row[j] = random.nextGaussian() / Math.sqrt(LATENT);
      }
    }
    double[][] centres = new double[CLUSTERS][LATENT];
    for (double[] centre : centres) {
      for (int j = 0; j < LATENT; j++) {
        centre[j] = random.nextGaussian();
      }
    }
    float[][] vectors = new float[count][dimension];
    double[] point = new double[LATENT];
    for (int i = 0; i < count; i++) {
      double[] centre = centres[random.nextInt(CLUSTERS)];
      for (int j = 0; j < LATENT; j++) {
        point[j] = centre[j] + random.nextGaussian();
      }
      for (int d = 0; d < dimension; d++) {
        double sum = 0;
        for (int j = 0; j < LATENT; j++) {
          sum += map[d][j] * point[j];
        }
        vectors[i][d] = (float) (sum + 0.05 * random.nextGaussian());
      }
    }
    return vectors;
  }
}
