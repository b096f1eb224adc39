package dev.visualsearch.benchmarks.hnsw;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link HnswPeersBenchmark} for every library, data set and target recall, then prints one
 * table: library, kernel path, settings, ef, recall@10, queries per second (JMH, wall clock) and
 * per CPU-second, the ratio to the better peer, build time and bytes per vector. From the
 * repository root (so that {@code ../shared} holds the photos):
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/visualsearch-benchmarks.jar \
 *     dev.visualsearch.benchmarks.hnsw.HnswPeersMain [--datasets synthetic:100000:128,images:20000:1280]
 *     [--libraries VISUALSEARCH,LUCENE,JVECTOR] [--targets 0.90,0.95,0.99] [--threads 1]
 *     [--warmup 2] [--iterations 3] [--time 5] [--forks 1]
 * </pre>
 *
 * <p>On Java 20+, start it with {@code --add-modules jdk.incubator.vector
 * -Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25}: the forked JVMs inherit the
 * options, and the kernel column shows which path each library took. Data sets are generated once
 * and cached under {@code $TMPDIR/visualsearch-bench} ({@code -Dvisualsearch.bench.cache}).
 */
public final class HnswPeersMain {

  private HnswPeersMain() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Map<String, String> options = parse(args);
    String datasets = options.getOrDefault("datasets", "synthetic:100000:128,images:20000:1280");
    String libraries = options.getOrDefault("libraries", "VISUALSEARCH,LUCENE,JVECTOR");
    String targets = options.getOrDefault("targets", "0.90,0.95,0.99");
    String threads = options.getOrDefault("threads", "1");

    System.out.printf(
        "Java %s (%s), %d processors, load average %s%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    System.out.println("JVM options passed on to the forks: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.println("data cache: " + MatrixCache.directory());
    for (String dataset : datasets.split(",")) {
      BenchDataset data = BenchDataset.load(dataset);
      System.out.printf(
          "data set %s: %d vectors, %d queries, %s%n",
          dataset, data.vectors().length, data.queries().length, data.metric());
    }
    Path rows = MatrixCache.directory().resolve("hnsw-peers-" + System.currentTimeMillis() + ".tsv");
    System.out.println("rows file: " + rows);

    ChainedOptionsBuilder jmh =
        new OptionsBuilder()
            .include(HnswPeersBenchmark.class.getName() + ".search")
            .param("dataset", datasets.split(","))
            .param("library", libraries.split(","))
            .param("targetRecall", targets.split(","))
            .param("buildThreads", threads.split(","))
            .warmupIterations(Integer.parseInt(options.getOrDefault("warmup", "2")))
            .measurementIterations(Integer.parseInt(options.getOrDefault("iterations", "3")))
            .warmupTime(TimeValue.seconds(Integer.parseInt(options.getOrDefault("time", "5"))))
            .measurementTime(TimeValue.seconds(Integer.parseInt(options.getOrDefault("time", "5"))))
            .forks(Integer.parseInt(options.getOrDefault("forks", "1")))
            .jvmArgsAppend(
                "-Dvisualsearch.bench.rows=" + rows,
                "-Dvisualsearch.bench.cache=" + MatrixCache.directory(),
                "-Dvisualsearch.shared.dir=" + System.getProperty("visualsearch.shared.dir", "../shared"));
    Collection<RunResult> results = new Runner(jmh.build()).run();

    Map<String, double[]> qps = new HashMap<>();
    for (RunResult result : results) {
      var params = result.getParams();
      String key =
          key(
              params.getParam("dataset"),
              params.getParam("library"),
              params.getParam("targetRecall"),
              params.getParam("buildThreads"));
      qps.put(
          key,
          new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
    }
    printTable(Files.readAllLines(rows, StandardCharsets.UTF_8), qps);
    System.out.println("load average at the end: " + loadAverage());
  }

  private static void printTable(List<String> lines, Map<String, double[]> qps) {
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(line.split("\t"));
    }
    // The better peer's QPS and the faster peer's build, per data set, target and thread count.
    Map<String, Double> bestPeerQps = new HashMap<>();
    Map<String, Double> bestPeerBuild = new HashMap<>();
    for (String[] r : rows) {
      if (!r[1].equals(AnnLibrary.VISUALSEARCH.name())) {
        String group = r[0] + "|" + r[5] + "|" + r[4];
        double q = qps.getOrDefault(key(r[0], r[1], r[5], r[4]), new double[] {0, 0})[0];
        bestPeerQps.merge(group, q, Math::max);
        bestPeerBuild.merge(r[0] + "|" + r[4], Double.parseDouble(r[9]), Math::min);
      }
    }
    String format = "%-21s %-12s %-28s %-42s %3s %6s %5s %7s %15s %8s %8s %22s %16s%n";
    System.out.println();
    System.out.printf(
        Locale.ROOT, format, "dataset", "library", "kernel", "settings", "thr", "target", "ef",
        "recall", "QPS (JMH, ±err)", "q/CPU-s", "QPS/peer", "build s (CPU-s)", "bytes/vec");
    String current = "";
    for (String[] r : rows) {
      if (!r[0].equals(current)) {
        current = r[0];
        System.out.println();
      }
      double[] measured = qps.getOrDefault(key(r[0], r[1], r[5], r[4]), new double[] {Double.NaN, 0});
      String ratio = "";
      String group = r[0] + "|" + r[5] + "|" + r[4];
      if (r[1].equals(AnnLibrary.VISUALSEARCH.name()) && bestPeerQps.containsKey(group)) {
        ratio = String.format(Locale.ROOT, "%.2fx", measured[0] / bestPeerQps.get(group));
      }
      String build = r[8] + " (" + r[9] + ")";
      if (r[1].equals(AnnLibrary.VISUALSEARCH.name()) && bestPeerBuild.containsKey(r[0] + "|" + r[4])) {
        build += String.format(
            Locale.ROOT, " %.2fx", Double.parseDouble(r[9]) / bestPeerBuild.get(r[0] + "|" + r[4]));
      }
      long bytes = Long.parseLong(r[10]) + Long.parseLong(r[11]);
      System.out.printf(
          Locale.ROOT, format, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
          String.format(Locale.ROOT, "%.0f ± %.0f", measured[0], measured[1]),
          r[12], ratio, build, bytes + " (" + r[10] + "+" + r[11] + ")");
    }
    System.out.println();
    System.out.println(
        "QPS: JMH throughput of single-threaded top-10 searches (wall clock); q/CPU-s: the same"
            + " searches per CPU-second of the benchmark thread. QPS/peer: this project's QPS over the"
            + " better peer's at the same target; build ratio: CPU-seconds over the faster peer's."
            + " bytes/vec: (vectors + graph) per vector, as each library holds and accounts them.");
  }

  private static String key(String dataset, String library, String target, String threads) {
    return dataset + "|" + library + "|" + String.format(Locale.ROOT, "%.2f", Double.parseDouble(target))
        + "|" + threads;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
