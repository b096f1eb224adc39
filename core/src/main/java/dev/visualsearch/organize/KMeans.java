package dev.visualsearch.organize;

import dev.visualsearch.vector.VectorKernels;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * k-means clustering of vectors under squared Euclidean distance: k-means++ seeding (Arthur and
 * Vassilvitskii, 2007), then Lloyd iterations over all vectors, or — for large collections —
 * mini-batch updates (Sculley, 2010) followed by one full assignment. For unit-length embeddings
 * squared distance is {@code 2 − 2·cosine}, so this is also cosine clustering.
 *
 * <p>Results are reproducible: the same vectors, settings and seed give the same clustering,
 * whatever the thread count (work is split in fixed chunks and combined in chunk order).
 *
 * <p>Instances are immutable and thread-safe; {@link #fit} may run concurrently on several
 * inputs.
 */
public final class KMeans {

  /** Vectors handed to one task; fixed so that sums are combined in the same order every run. */
  static final int CHUNK = 1024;

  private final int k;
  private final long seed;
  private final int maxIterations;
  private final double tolerance;
  private final int miniBatchSize;
  private final int threads;

  private KMeans(Builder builder) {
    this.k = builder.k;
    this.seed = builder.seed;
    this.maxIterations = builder.maxIterations;
    this.tolerance = builder.tolerance;
    this.miniBatchSize = builder.miniBatchSize;
    this.threads = builder.threads;
  }

  /**
   * Starts configuring a clustering into {@code k} clusters.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static Builder builder(int k) {
    return new Builder(k);
  }

  /** The number of clusters asked for. */
  public int k() {
    return k;
  }

  /**
   * Clusters {@code vectors}. When there are fewer distinct vectors than {@code k}, the clustering
   * has fewer (non-empty) clusters.
   *
   * @param vectors the vectors, all of one length; not modified
   * @throws IllegalArgumentException if there are no vectors, their lengths differ, or one holds
   *     NaN or infinity
   */
  public Clustering fit(float[][] vectors) {
    Objects.requireNonNull(vectors, "vectors");
    int dimension = checkVectors(vectors);
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centroids = KMeansPlusPlus.seed(vectors, k, random);
    try (ParallelAssigner assigner = new ParallelAssigner(threads)) {
      int iterations;
      if (miniBatchSize > 0 && vectors.length > 2 * miniBatchSize) {
        iterations = MiniBatchUpdate.run(vectors, centroids, miniBatchSize, maxIterations, random);
      } else {
        iterations = lloyd(vectors, centroids, assigner);
      }
      Assignment last = assigner.assign(vectors, centroids);
      return Clustering.of(vectors, centroids, last, dimension, iterations);
    }
  }

  private int lloyd(float[][] vectors, float[][] centroids, ParallelAssigner assigner) {
    double previous = Double.POSITIVE_INFINITY;
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      Assignment assignment = assigner.assign(vectors, centroids);
      recomputeMeans(vectors, centroids, assignment);
      double inertia = assignment.inertia();
      if (previous - inertia <= tolerance * previous) {
        return iteration;
      }
      previous = inertia;
    }
    return maxIterations;
  }

  /**
   * Moves each centroid to the mean of its members; a centroid left without members takes the
   * vector farthest from its own centroid, which splits the worst-fitting cluster.
   */
  static void recomputeMeans(float[][] vectors, float[][] centroids, Assignment assignment) {
    int dimension = centroids[0].length;
    double[][] sums = new double[centroids.length][dimension];
    int[] counts = new int[centroids.length];
    for (int i = 0; i < vectors.length; i++) {
      int c = assignment.cluster(i);
      counts[c]++;
      double[] sum = sums[c];
      float[] v = vectors[i];
      for (int d = 0; d < dimension; d++) {
        sum[d] += v[d];
      }
    }
    boolean[] taken = new boolean[vectors.length];
    for (int c = 0; c < centroids.length; c++) {
      if (counts[c] == 0) {
        int farthest = assignment.farthestUntaken(taken);
        if (farthest >= 0) {
          taken[farthest] = true;
          centroids[c] = vectors[farthest].clone();
        }
        continue;
      }
      for (int d = 0; d < dimension; d++) {
        centroids[c][d] = (float) (sums[c][d] / counts[c]);
      }
    }
  }

  private static int checkVectors(float[][] vectors) {
    if (vectors.length == 0) {
      throw new IllegalArgumentException("there are no vectors to cluster");
    }
    int dimension = Objects.requireNonNull(vectors[0], "vector 0").length;
    if (dimension == 0) {
      throw new IllegalArgumentException("vectors must have at least one component");
    }
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      if (v == null) {
        throw new NullPointerException("vector " + i);
      }
      if (v.length != dimension) {
        throw new IllegalArgumentException(
            "vector " + i + " has " + v.length + " components, vector 0 has " + dimension);
      }
      for (int d = 0; d < dimension; d++) {
        if (!Float.isFinite(v[d])) {
          throw new IllegalArgumentException("vector " + i + " holds " + v[d] + " at " + d);
        }
      }
    }
    return dimension;
  }

  /** Squared Euclidean distance between two whole vectors. */
  static float distance(float[] a, float[] b) {
    return VectorKernels.squaredDistance(a, 0, b, 0, a.length);
  }

  @Override
  public String toString() {
    return "KMeans[k=" + k + ", seed=" + seed + ", maxIterations=" + maxIterations
        + ", miniBatchSize=" + miniBatchSize + "]";
  }

  /**
   * Configures a {@link KMeans}. Each setter validates at once. Not thread-safe.
   */
  public static final class Builder {

    private final int k;
    private long seed = 42;
    private int maxIterations = 50;
    private double tolerance = 1e-4;
    private int miniBatchSize;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be at least 1: " + k);
      }
      this.k = k;
    }

    /** The seed of the k-means++ draw and the mini-batches. If unset, 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The most Lloyd iterations, or mini-batch steps. If unset, 50.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder maxIterations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("max iterations must be at least 1: " + n);
      }
      this.maxIterations = n;
      return this;
    }

    /**
     * Lloyd iterations stop when the sum of squared distances improves by less than this fraction.
     * If unset, 1e-4.
     *
     * @throws IllegalArgumentException if {@code fraction} is negative or not finite
     */
    public Builder tolerance(double fraction) {
      if (!(fraction >= 0) || Double.isInfinite(fraction)) {
        throw new IllegalArgumentException("tolerance must be a non-negative number: " + fraction);
      }
      this.tolerance = fraction;
      return this;
    }

    /**
     * Uses mini-batch k-means with batches of {@code size} vectors when there are more than twice
     * as many vectors: each step costs a batch instead of the whole collection, at a small loss of
     * quality. If unset (0), full Lloyd iterations always.
     *
     * @throws IllegalArgumentException if {@code size < 0}
     */
    public Builder miniBatchSize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("mini-batch size must not be negative: " + size);
      }
      this.miniBatchSize = size;
      return this;
    }

    /**
     * Threads for the assignment passes. If unset, the number of available processors. The result
     * does not depend on it.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + n);
      }
      this.threads = n;
      return this;
    }

    public KMeans build() {
      return new KMeans(this);
    }
  }
}
