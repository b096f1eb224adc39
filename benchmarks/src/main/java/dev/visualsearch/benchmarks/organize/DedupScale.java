package dev.visualsearch.benchmarks.organize;

import dev.visualsearch.CatalogEntry;
import dev.visualsearch.Metric;
import dev.visualsearch.benchmarks.hnsw.ClusteredVectors;
import dev.visualsearch.index.hnsw.HnswIndex;
import dev.visualsearch.organize.DuplicateGroup;
import dev.visualsearch.organize.DuplicateOptions;
import dev.visualsearch.organize.NearDuplicates;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Near-duplicate detection at scale on synthetic vectors with planted copies: builds an HNSW index
 * of {@code n} clustered vectors (plus copies of a tenth of them, each the original with a little
 * Gaussian noise, cosine 0.95–0.99), runs {@link NearDuplicates}, and prints the time, the heap it
 * needed beyond the index (the peak, which also counts garbage not yet collected: an upper
 * bound), and the precision and recall of the pairs it found against the planted
 * pairs. Run it for several n to see that memory grows linearly (no n×n matrix), and with a small
 * {@code -Xmx} to see that the index plus a little is all it needs:
 *
 * <pre>java -Xmx8g --add-modules jdk.incubator.vector -cp benchmarks/target/visualsearch-benchmarks.jar \
 *   dev.visualsearch.benchmarks.organize.DedupScale n=50000,100000,200000</pre>
 *
 * <p>Options: {@code n} (comma-separated originals counts), {@code dimension} (128), {@code
 * seed} (42), {@code threshold} (the copy cosine, 0.90), {@code threads} (2).
 */
public final class DedupScale {

  private DedupScale() {}

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("expected name=value: " + arg);
      }
      options.put(pair[0], pair[1]);
    }
    int dimension = Integer.parseInt(options.getOrDefault("dimension", "128"));
    long seed = Long.parseLong(options.getOrDefault("seed", "42"));
    double threshold = Double.parseDouble(options.getOrDefault("threshold", "0.90"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
    System.out.printf(
        "seed %d, %d-d clustered vectors, copy cosine %.2f, %d threads, %s%n",
        seed, dimension, threshold, threads, Runtime.version());
    System.out.println(
        "originals  items  groups planted  build s  dedup s  peak heap for dedup (MB, B/item)"
            + "  pairs planted  found  precision  recall");
    for (String n : options.getOrDefault("n", "200000").split(",")) {
      run(Integer.parseInt(n.trim()), dimension, seed, threshold, threads);
    }
  }

  private static void run(int originals, int dimension, long seed, double threshold, int threads) {
    Planted planted = Planted.generate(originals, dimension, seed);
    HnswIndex index = HnswIndex.builder(dimension, Metric.COSINE).seed(seed).buildThreads(threads).build();
    long start = System.nanoTime();
    index.addAll(planted.vectors);
    double buildSeconds = (System.nanoTime() - start) / 1e9;
    List<CatalogEntry> entries = new ArrayList<>(planted.vectors.size());
    for (String id : planted.vectors.keySet()) {
      entries.add(new CatalogEntry(id, null, Map.of()));
    }
    planted.vectors.clear(); // the index holds its own copy; this one would only inflate the heap

    long before = heapAfterGc();
    resetPeaks();
    start = System.nanoTime();
    List<DuplicateGroup> groups =
        NearDuplicates.find(entries, index, DuplicateOptions.defaults().copyCosine(threshold).threads(threads));
    double dedupSeconds = (System.nanoTime() - start) / 1e9;
    long extra = Math.max(0, peakHeap() - before);

    Set<String> found = new HashSet<>();
    for (DuplicateGroup group : groups) {
      pairsOf(group.ids(), found);
    }
    long truePairs = found.stream().filter(planted.pairs::contains).count();
    System.out.printf(
        "%9d %6d %15d %8.1f %8.1f %21.1f %6.0f %14d %6d %10.4f %7.4f%n",
        originals,
        entries.size(),
        planted.groups,
        buildSeconds,
        dedupSeconds,
        extra / 1e6,
        (double) extra / entries.size(),
        planted.pairs.size(),
        found.size(),
        found.isEmpty() ? 1.0 : (double) truePairs / found.size(),
        planted.pairs.isEmpty() ? 1.0 : (double) truePairs / planted.pairs.size());
    index.close();
  }

  private static void pairsOf(List<String> ids, Set<String> pairs) {
    for (int a = 0; a < ids.size(); a++) {
      for (int b = a + 1; b < ids.size(); b++) {
        pairs.add(pairKey(ids.get(a), ids.get(b)));
      }
    }
  }

  private static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The sum of the heap pools' peaks since {@link #resetPeaks()}: an upper bound of the peak heap
   * (the pools need not peak together), so the memory reported is if anything too high.
   */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Originals, planted copies and the pairs a perfect detector would report. */
  private static final class Planted {
    final Map<String, float[]> vectors = new LinkedHashMap<>();
    final Set<String> pairs = new HashSet<>();
    int groups;

    static Planted generate(int originals, int dimension, long seed) {
      Planted planted = new Planted();
      float[][] base = ClusteredVectors.generate(originals, dimension, seed);
      SplittableRandom random = new SplittableRandom(seed + 1);
      for (int i = 0; i < originals; i++) {
        String id = String.format("item-%07d", i);
        planted.vectors.put(id, base[i]);
        if (random.nextInt(10) != 0) {
          continue;
        }
        planted.groups++;
        List<String> group = new ArrayList<>(List.of(id));
        int copies = 1 + random.nextInt(3);
        for (int c = 0; c < copies; c++) {
          String copyId = id + "-copy" + c;
          planted.vectors.put(copyId, copyOf(base[i], 0.95 + 0.04 * random.nextDouble(), random));
          group.add(copyId);
        }
        pairsOf(group, planted.pairs);
      }
      return planted;
    }

    /** {@code original} plus isotropic noise scaled so that the expected cosine is {@code cosine}. */
    private static float[] copyOf(float[] original, double cosine, SplittableRandom random) {
      double norm = 0;
      for (float v : original) {
        norm += v * v;
      }
      // cos = |x| / sqrt(|x|² + d σ²)  ⇒  σ = |x| sqrt(1/cos² − 1) / sqrt(d)
      double sigma = Math.sqrt(norm) * Math.sqrt(1 / (cosine * cosine) - 1) / Math.sqrt(original.length);
      float[] copy = new float[original.length];
      for (int d = 0; d < copy.length; d++) {
        copy[d] = (float) (original[d] + sigma * random.nextGaussian());
      }
      return copy;
    }
  }
}
