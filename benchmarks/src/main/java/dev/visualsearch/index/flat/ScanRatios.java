package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.benchmarks.Forks;
import dev.visualsearch.benchmarks.Peers;
import dev.visualsearch.benchmarks.StreamingRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.NeighborQueue;

/**
 * The ratios of {@link FlatScanBenchmark} and {@code BatchSearchBenchmark}, measured for machines
 * too loaded for JMH: there each side runs in its own fork, minutes apart, and the load of other
 * processes changes in between by more than the differences measured. Here every round runs each
 * side once, one after the other in one JVM, and the ratios are taken of the medians over the
 * rounds, so a load that drifts slowly hits every side alike. JMH remains the measurement of
 * record on a quiet machine; this is its cross-check on a busy one.
 *
 * <p>Sides, each one query over the same {@code n × dimension} floats: the bandwidth probes
 * ({@link StreamingRead} over the index's own array, in one stream and in four), {@link FlatIndex#search}, the Lucene scan
 * (one {@code float[]} per vector, {@code VectorUtil.dotProduct}, {@code NeighborQueue}), and
 * {@link FlatIndex#searchAll} of {@code batch} queries, compared with {@code batch} times the
 * single-query median.
 *
 * <p><b>Forks.</b> On the project's machines one JVM's result swings by up to 40 % from the next
 * JVM's (where the heap lands, what C2 makes of the loops), for every side alike but not always by
 * the same amount. With {@code forks=K} the run starts K JVMs one after the other, with this
 * JVM's options, prints each one's line and then the median of every figure over the forks.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *     -Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25 -Xmx14g \
 *     -cp benchmarks/target/visualsearch-benchmarks.jar dev.visualsearch.index.flat.ScanRatios \
 *     n=100000 dimension=512 rounds=30 batch=16 forks=7
 * </pre>
 */
public final class ScanRatios {

  private ScanRatios() {}

  /**
   * Runs the rounds and prints one line of ratios.
   *
   * @param args {@code n=}, {@code dimension=}, {@code rounds=} (a third are warm-up), {@code
   *     batch=}, {@code forks=}
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    int forks = intArg(args, "forks", 1);
    if (forks > 1) {
      Forks.run(ScanRatios.class, args, forks);
      return;
    }
    int n = intArg(args, "n", 100_000);
    int dimension = intArg(args, "dimension", 512);
    int rounds = intArg(args, "rounds", 30);
    int batch = intArg(args, "batch", 16);
    SplittableRandom random = new SplittableRandom(42L);
    FlatIndex index = FlatIndex.builder(dimension, Metric.COSINE).expectedSize(n).build();
    float[][] lucene = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] vector = FlatScanBenchmark.unitVector(random, dimension);
      index.add("image-" + i, vector);
      lucene[i] = vector;
    }
    float[] rows = index.heapRowsForBenchmark();
    float[][] queries = new float[batch][];
    for (int q = 0; q < batch; q++) {
      queries[q] = FlatScanBenchmark.unitVector(random, dimension);
    }
    long[] probe = new long[rounds];
    long[] probe4 = new long[rounds];
    long[] flat = new long[rounds];
    long[] peer = new long[rounds];
    long[] batched = new long[rounds];
    float sink = 0;
    String loadBefore = load();
    for (int round = 0; round < rounds; round++) {
      float[] query = queries[round % batch];
      long start = System.nanoTime();
      sink += StreamingRead.readFourStreams(rows, n * dimension);
      long t0 = System.nanoTime();
      sink += StreamingRead.read(rows, n * dimension);
      long t1 = System.nanoTime();
      sink += index.search(query, 10).get(0).score();
      long t2 = System.nanoTime();
      NeighborQueue best = new NeighborQueue(10, false);
      for (int i = 0; i < n; i++) {
        best.insertWithOverflow(i, VectorUtil.dotProduct(query, lucene[i]));
      }
      sink += best.topScore();
      long t3 = System.nanoTime();
      sink += index.searchAll(queries, 10, null).get(batch - 1).get(0).score();
      long t4 = System.nanoTime();
      probe4[round] = t0 - start;
      probe[round] = t1 - t0;
      flat[round] = t2 - t1;
      peer[round] = t3 - t2;
      batched[round] = t4 - t3;
    }
    int warmUp = rounds / 3;
    double p = median(probe, warmUp);
    double p4 = median(probe4, warmUp);
    double f = median(flat, warmUp);
    double l = median(peer, warmUp);
    double b = median(batched, warmUp);
    double bytes = (double) n * dimension * Float.BYTES;
    System.out.printf(
        Locale.ROOT,
        "Java %d, n=%d, dimension=%d, %d rounds (%d warm-up), load %s -> %s | %s, %s%n"
            + "  probe %.2f GB/s (four streams %.2f) | flatIndex %.2f GB/s = %.0f%% of probe"
            + " (%.0f%% of four streams) | lucene %.2f GB/s"
            + " | flatIndex / lucene %.2fx | batch of %d: %.2fx one by one  (%s)%n",
        Runtime.version().feature(), n, dimension, rounds, warmUp, loadBefore, load(),
        Peers.visualsearch().replaceAll(";.*", ""), Peers.lucene(),
        bytes / p, bytes / p4, bytes / f, 100 * p / f, 100 * p4 / f, bytes / l, l / f, batch,
        batch * f / b, sink);
    Forks.figures(
        "probeGBs", bytes / p, "fourStreamsGBs", bytes / p4, "flatGBs", bytes / f,
        "flatPctOfProbe", 100 * p / f, "flatPctOfFourStreams", 100 * p4 / f,
        "luceneGBs", bytes / l, "flatOverLucene", l / f, "batchGain", batch * f / b);
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return Integer.parseInt(arg.substring(name.length() + 1));
      }
    }
    return fallback;
  }

  private static double median(long[] nanos, int skip) {
    long[] kept = Arrays.copyOfRange(nanos, skip, nanos.length);
    Arrays.sort(kept);
    return kept[kept.length / 2];
  }

  private static String load() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    return Files.exists(loadavg) ? Files.readString(loadavg).split(" ")[0] : "?";
  }
}
