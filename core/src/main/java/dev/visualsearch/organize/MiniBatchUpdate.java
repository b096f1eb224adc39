package dev.visualsearch.organize;

import java.util.SplittableRandom;

/**
 * Mini-batch k-means (Sculley, "Web-scale k-means clustering", 2010): each step draws a batch of
 * vectors, assigns them to their nearest centroids, and moves each centroid towards its batch
 * members with a per-centroid learning rate of 1 / (vectors it has absorbed so far). A step costs
 * one batch rather than the whole collection.
 */
final class MiniBatchUpdate {

  private MiniBatchUpdate() {}

  /** Runs {@code steps} steps on {@code centroids} in place; returns the number of steps run. */
  static int run(
      float[][] vectors, float[][] centroids, int batchSize, int steps, SplittableRandom random) {
    long[] absorbed = new long[centroids.length];
    int[] batch = new int[batchSize];
    int[] nearest = new int[batchSize];
    float[] distance = new float[1];
    int dimension = centroids[0].length;
    for (int step = 0; step < steps; step++) {
      for (int b = 0; b < batchSize; b++) {
        batch[b] = random.nextInt(vectors.length);
      }
      // Assign the whole batch against the centroids of the previous step, then update.
      for (int b = 0; b < batchSize; b++) {
        nearest[b] = ParallelAssigner.nearest(vectors[batch[b]], centroids, distance);
      }
      for (int b = 0; b < batchSize; b++) {
        int c = nearest[b];
        absorbed[c]++;
        float rate = (float) (1.0 / absorbed[c]);
        float[] centroid = centroids[c];
        float[] v = vectors[batch[b]];
        for (int d = 0; d < dimension; d++) {
          centroid[d] += rate * (v[d] - centroid[d]);
        }
      }
    }
    return steps;
  }
}
