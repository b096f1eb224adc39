package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.benchmarks.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ratios of {@code FlatStorageBenchmark} for loaded machines (see {@link ScanRatios}): one
 * top-10 query per round against each way of holding the same vectors — heap or mapped, float32,
 * float16 or int8 — and each median relative to heap float32.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/visualsearch-benchmarks.jar \
 *     dev.visualsearch.index.flat.StorageRatios n=100000 dimension=512 rounds=30
 * </pre>
 */
public final class StorageRatios {

  private StorageRatios() {}

  /** Runs the rounds and prints one line per way of holding the vectors. */
  public static void main(String[] args) throws IOException {
    int n = intArg(args, "n", 100_000);
    int dimension = intArg(args, "dimension", 512);
    int rounds = intArg(args, "rounds", 30);
    String[] names = new String[6];
    FlatIndex[] indexes = new FlatIndex[6];
    Path directory = Files.createTempDirectory("storage-ratios");
    int i = 0;
    for (VectorEncoding encoding : VectorEncoding.values()) {
      SplittableRandom random = new SplittableRandom(42L);
      FlatIndex heap =
          FlatIndex.builder(dimension, Metric.COSINE).encoding(encoding).expectedSize(n).build();
      for (int row = 0; row < n; row++) {
        heap.add("image-" + row, FlatScanBenchmark.unitVector(random, dimension));
      }
      Path file = directory.resolve(encoding + ".bin");
      heap.save(file);
      names[i] = "heap " + encoding;
      indexes[i++] = heap;
      names[i] = "mapped " + encoding;
      indexes[i++] = FlatIndex.openMapped(file);
    }
    SplittableRandom random = new SplittableRandom(7L);
    float[][] queries = new float[16][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = FlatScanBenchmark.unitVector(random, dimension);
    }
    long[][] nanos = new long[indexes.length][rounds];
    float sink = 0;
    for (int round = 0; round < rounds; round++) {
      for (int s = 0; s < indexes.length; s++) {
        long start = System.nanoTime();
        sink += indexes[s].search(queries[round % queries.length], 10).get(0).score();
        nanos[s][round] = System.nanoTime() - start;
      }
    }
    System.out.printf(Locale.ROOT, "Java %d, n=%d, dimension=%d, %d rounds, %s (%s)%n",
        Runtime.version().feature(), n, dimension, rounds, Peers.visualsearch(), sink);
    double base = median(nanos[0], rounds / 3);
    for (int s = 0; s < indexes.length; s++) {
      double median = median(nanos[s], rounds / 3);
      System.out.printf(Locale.ROOT, "  %-16s %8.2f ms per query = %.2fx heap FLOAT32 speed, heap vectors %d MB%n",
          names[s], median / 1e6, base / median,
          indexes[s].vectorHeapBytesForTesting() / 1_000_000);
      indexes[s].close();
    }
    for (VectorEncoding encoding : VectorEncoding.values()) {
      Files.deleteIfExists(directory.resolve(encoding + ".bin"));
    }
    Files.deleteIfExists(directory);
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
}
