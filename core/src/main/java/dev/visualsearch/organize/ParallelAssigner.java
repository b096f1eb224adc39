package dev.visualsearch.organize;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Assigns every vector to its nearest centroid, in fixed chunks of {@link KMeans#CHUNK} vectors
 * spread over a thread pool. Each vector's answer depends on nothing but the vector and the
 * centroids, so the result is the same for any number of threads.
 *
 * <p>Not thread-safe; one fit uses one assigner and closes it.
 */
final class ParallelAssigner implements AutoCloseable {

  private final ExecutorService pool;

  ParallelAssigner(int threads) {
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                runnable -> {
                  Thread thread = new Thread(runnable, "visualsearch-kmeans");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  Assignment assign(float[][] vectors, float[][] centroids) {
    Assignment assignment = new Assignment(vectors.length);
    if (pool == null) {
      assignRange(vectors, centroids, assignment, 0, vectors.length);
      return assignment;
    }
    List<Future<?>> tasks = new ArrayList<>();
    for (int from = 0; from < vectors.length; from += KMeans.CHUNK) {
      int start = from;
      int end = Math.min(from + KMeans.CHUNK, vectors.length);
      tasks.add(pool.submit(() -> assignRange(vectors, centroids, assignment, start, end)));
    }
    for (Future<?> task : tasks) {
      try {
        task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while clustering", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("clustering failed: " + e.getCause(), e.getCause());
      }
    }
    return assignment;
  }

  /** Nearest centroid by squared distance; on a tie, the lower centroid index. */
  static int nearest(float[] vector, float[][] centroids, float[] distanceOut) {
    int best = 0;
    float bestDistance = KMeans.distance(vector, centroids[0]);
    for (int c = 1; c < centroids.length; c++) {
      float d = KMeans.distance(vector, centroids[c]);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    distanceOut[0] = bestDistance;
    return best;
  }

  private static void assignRange(
      float[][] vectors, float[][] centroids, Assignment assignment, int from, int to) {
    float[] distance = new float[1];
    for (int i = from; i < to; i++) {
      int c = nearest(vectors[i], centroids, distance);
      assignment.set(i, c, distance[0]);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
