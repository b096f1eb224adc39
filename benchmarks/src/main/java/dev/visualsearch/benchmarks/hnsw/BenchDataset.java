package dev.visualsearch.benchmarks.hnsw;

import dev.visualsearch.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A benchmark data set: vectors to index, queries, and the exact top-{@value #K} of each query.
 * Named by a spec {@code kind:count:dimension}:
 *
 * <ul>
 *   <li>{@code synthetic:100000:128} — {@link ClusteredVectors}, scored by L2, 1000 queries from
 *       the same distribution;
 *   <li>{@code images:20000:1280} — {@link AugmentedImageEmbeddings} of the shared photos (unit
 *       vectors, scored by cosine = dot product), 500 queries that are further augmented copies.
 * </ul>
 *
 * <p>Everything is generated from fixed seeds and cached under {@link MatrixCache#directory()}, so
 * every fork of every run measures the same vectors.
 *
 * @param spec the spec it was loaded from
 * @param metric how it is scored (the peers use the matching similarity)
 * @param vectors the vectors to index, row {@code i} = item {@code i}
 * @param queries the query vectors
 * @param truth per query, the exact top-{@value #K} item numbers, best first
 */
record BenchDataset(String spec, Metric metric, float[][] vectors, float[][] queries, int[][] truth) {

  static final int K = 10;
  private static final long SEED = 20_240_611L;

  int dimension() {
    return vectors[0].length;
  }

  /** Loads (or generates and caches) the data set of {@code spec}. */
  static BenchDataset load(String spec) throws IOException {
    String[] parts = spec.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("dataset spec must be kind:count:dimension: " + spec);
    }
    String kind = parts[0];
    int count = Integer.parseInt(parts[1]);
    int dimension = Integer.parseInt(parts[2]);
    Path dir = MatrixCache.directory();
    // The image set's cache name carries the version of its augmentations: a change makes a new set.
    String stem = (kind.equals("images") ? "images-v2" : kind) + "-" + count + "-" + dimension;
    Path vectorsFile = dir.resolve(stem + ".vectors");
    Path truthFile = dir.resolve(stem + ".truth");
    Metric metric;
    int queries;
    switch (kind) {
      case "synthetic":
        metric = Metric.L2;
        queries = 1000;
        break;
      case "images":
        if (dimension != 1280) {
          throw new IllegalArgumentException("image embeddings have dimension 1280: " + spec);
        }
        metric = Metric.COSINE;
        queries = 500;
        break;
      default:
        throw new IllegalArgumentException("unknown dataset kind '" + kind + "' in " + spec);
    }
    float[][] all = MatrixCache.readFloats(vectorsFile);
    if (all == null || all.length != count + queries) {
      System.out.printf("generating %s into %s%n", spec, vectorsFile);
      all =
          kind.equals("synthetic")
              ? ClusteredVectors.generate(count + queries, dimension, SEED)
              : AugmentedImageEmbeddings.generate(
                  count + queries, SEED, Runtime.getRuntime().availableProcessors());
      MatrixCache.writeFloats(vectorsFile, all);
    }
    float[][] vectors = Arrays.copyOf(all, count);
    float[][] queryVectors = Arrays.copyOfRange(all, count, count + queries);
    int[][] truth = MatrixCache.readInts(truthFile);
    if (truth == null || truth.length != queries) {
      System.out.printf("computing the exact top-%d of %d queries into %s%n", K, queries, truthFile);
      truth = exactTopK(metric, vectors, queryVectors);
      MatrixCache.writeInts(truthFile, truth);
    }
    return new BenchDataset(spec, metric, vectors, queryVectors, truth);
  }

  /** The exact answers, scored in double precision with {@link Metric#score}'s definitions. */
  private static int[][] exactTopK(Metric metric, float[][] vectors, float[][] queries) {
    int[][] truth = new int[queries.length][];
    IntStream.range(0, queries.length)
        .parallel()
        .forEach(
            q -> {
              double[] scores = new double[vectors.length];
              Integer[] order = new Integer[vectors.length];
              for (int i = 0; i < vectors.length; i++) {
                scores[i] = score(metric, queries[q], vectors[i]);
                order[i] = i;
              }
              Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
              int[] best = new int[K];
              for (int r = 0; r < K; r++) {
                best[r] = order[r];
              }
              truth[q] = best;
            });
    return truth;
  }

  private static double score(Metric metric, float[] q, float[] v) {
    double sum = 0;
    if (metric == Metric.L2) {
      for (int i = 0; i < q.length; i++) {
        double d = (double) q[i] - v[i];
        sum -= d * d;
      }
      return sum;
    }
    double qq = 0;
    double vv = 0;
    for (int i = 0; i < q.length; i++) {
      sum += (double) q[i] * v[i];
      qq += (double) q[i] * q[i];
      vv += (double) v[i] * v[i];
    }
    return metric == Metric.COSINE ? sum / Math.sqrt(qq * vv) : sum;
  }

  /** Recall@{@value #K} of {@code found[q]} (item numbers per query) against the truth. */
  double recall(int[][] found) {
    long hits = 0;
    for (int q = 0; q < truth.length; q++) {
      for (int expected : truth[q]) {
        for (int got : found[q]) {
          if (got == expected) {
            hits++;
            break;
          }
        }
      }
    }
    return (double) hits / ((long) truth.length * K);
  }
}
