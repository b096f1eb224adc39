package dev.visualsearch.organize;

import java.util.SplittableRandom;

/**
 * k-means++ seeding: the first centroid is a uniformly drawn vector, each next one a vector drawn
 * with probability proportional to its squared distance from the nearest centroid chosen so far.
 * This spreads the seeds and gives Lloyd iterations a start within O(log k) of the optimum in
 * expectation.
 *
 * <p>Each draw costs a pass over the vectors, so for large collections the seeds are drawn from a
 * uniform sample of {@link #sampleSize} vectors: enough to find every sizeable cluster, and the
 * iterations that follow see all vectors.
 */
final class KMeansPlusPlus {

  private KMeansPlusPlus() {}

  /** How many vectors the seeds are drawn from: all of them, up to max(10 000, 20·k). */
  static int sampleSize(int n, int k) {
    return (int) Math.min(n, Math.max(10_000L, 20L * k));
  }

  /**
   * Draws up to {@code k} seeds (copies). Fewer when the vectors have fewer than {@code k}
   * distinct values: once every vector coincides with a seed, there is nothing left to draw.
   */
  static float[][] seed(float[][] vectors, int k, SplittableRandom random) {
    float[][] sample = sample(vectors, sampleSize(vectors.length, k), random);
    float[][] seeds = new float[Math.min(k, sample.length)][];
    seeds[0] = sample[random.nextInt(sample.length)].clone();
    double[] nearest = new double[sample.length];
    for (int i = 0; i < sample.length; i++) {
      nearest[i] = KMeans.distance(sample[i], seeds[0]);
    }
    int chosen = 1;
    while (chosen < seeds.length) {
      double total = 0;
      for (double d : nearest) {
        total += d;
      }
      if (total <= 0) {
        break; // every remaining vector equals a seed
      }
      double target = random.nextDouble() * total;
      int pick = 0;
      double cumulative = nearest[0];
      while (cumulative <= target && pick < sample.length - 1) {
        pick++;
        cumulative += nearest[pick];
      }
      // Rounding can land the walk on a vector already chosen (distance 0): take the last one
      // with a positive distance instead.
      while (nearest[pick] == 0 && pick > 0) {
        pick--;
      }
      float[] next = sample[pick].clone();
      seeds[chosen++] = next;
      for (int i = 0; i < sample.length; i++) {
        nearest[i] = Math.min(nearest[i], KMeans.distance(sample[i], next));
      }
    }
    if (chosen < seeds.length) {
      float[][] fewer = new float[chosen][];
      System.arraycopy(seeds, 0, fewer, 0, chosen);
      return fewer;
    }
    return seeds;
  }

  /** {@code size} distinct vectors drawn uniformly (a partial Fisher–Yates shuffle of indexes). */
  private static float[][] sample(float[][] vectors, int size, SplittableRandom random) {
    if (size == vectors.length) {
      return vectors;
    }
    int[] order = new int[vectors.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    float[][] sample = new float[size][];
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(order.length - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      sample[i] = vectors[order[i]];
    }
    return sample;
  }
}
