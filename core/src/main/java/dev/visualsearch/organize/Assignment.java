package dev.visualsearch.organize;

/**
 * Which centroid each vector is nearest to, and its squared distance to it.
 *
 * <p>Not thread-safe while being filled; read-only afterwards.
 */
final class Assignment {

  private final int[] clusters;
  private final float[] distances;

  Assignment(int size) {
    this.clusters = new int[size];
    this.distances = new float[size];
  }

  int cluster(int vector) {
    return clusters[vector];
  }

  float distance(int vector) {
    return distances[vector];
  }

  void set(int vector, int cluster, float distance) {
    clusters[vector] = cluster;
    distances[vector] = distance;
  }

  int size() {
    return clusters.length;
  }

  /** The sum of squared distances to the assigned centroids, summed in vector order. */
  double inertia() {
    double sum = 0;
    for (float d : distances) {
      sum += d;
    }
    return sum;
  }

  /**
   * The vector farthest from its centroid among those not yet {@code taken}, or -1 when all
   * remaining vectors sit on their centroids.
   */
  int farthestUntaken(boolean[] taken) {
    int best = -1;
    float bestDistance = 0;
    for (int i = 0; i < distances.length; i++) {
      if (!taken[i] && distances[i] > bestDistance) {
        best = i;
        bestDistance = distances[i];
      }
    }
    return best;
  }
}
