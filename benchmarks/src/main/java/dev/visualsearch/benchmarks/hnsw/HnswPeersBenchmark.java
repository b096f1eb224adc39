package dev.visualsearch.benchmarks.hnsw;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Top-10 search throughput of this project's HNSW index, Lucene's and JVector's, on the same
 * vectors in the same run, each at the beam width that gives it the target recall@10.
 *
 * <p>Per trial (one library, data set and target, in its own JVM): load the cached {@link
 * BenchDataset}; build the library's index on {@code buildThreads} threads, timing it (wall and
 * process CPU); find the smallest {@code ef} reaching {@code targetRecall} over all queries
 * ({@link EfTuner}); then JMH measures single-threaded searches at that {@code ef}, cycling
 * through the queries. Beside JMH's queries per second, each trial appends a row — library,
 * kernel path, settings, ef, recall, build time, bytes per vector, queries per CPU-second (the
 * benchmark thread's CPU time, which a loaded machine disturbs less than wall time) — to the rows
 * file ({@code -Dvisualsearch.bench.rows}), from which {@link HnswPeersMain} prints the table.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar HnswPeers \
 *     -p dataset=synthetic:20000:128 -p targetRecall=0.95 -wi 1 -i 2 -w 3 -r 3
 * </pre>
 *
 * <p>Every trial builds its index again: a build cannot be carried from one JVM to the next for
 * all three libraries. The build time of a library is therefore measured once per target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class HnswPeersBenchmark {

  @Param({"VISUALSEARCH", "LUCENE", "JVECTOR"})
  public AnnLibrary library;

  @Param({"synthetic:100000:128", "images:20000:1280"})
  public String dataset;

  @Param({"0.90", "0.95", "0.99"})
  public double targetRecall;

  @Param({"1"})
  public int buildThreads;

  private BenchDataset data;
  private AnnIndex index;
  private int ef;
  private double recall;
  private double buildWallSeconds;
  private double buildCpuSeconds;
  private float[][] queries;
  private int next;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long measuredCpuNanos;
  private long measuredCalls;
  private long iterationCpuStart;
  private long iterationCallsStart;
  private long calls;

  @Setup(Level.Trial)
  public void build() throws IOException {
    data = BenchDataset.load(dataset);
    queries = data.queries();
    System.gc();
    long wallStart = System.nanoTime();
    long cpuStart = processCpuNanos();
    index = library.build(data, buildThreads);
    buildWallSeconds = (System.nanoTime() - wallStart) / 1e9;
    buildCpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    ef = EfTuner.tune(index, data, targetRecall);
    recall = EfTuner.recall(index, data, ef);
    System.out.printf(
        Locale.ROOT,
        "%n%s on %s: built in %.1f s (%.1f CPU-s), kernel %s; ef %d gives recall@10 %.4f%n",
        library, dataset, buildWallSeconds, buildCpuSeconds, index.kernel(), ef, recall);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    iterationCpuStart = threads.getCurrentThreadCpuTime();
    iterationCallsStart = calls;
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams params) {
    if (params.getType() == IterationType.MEASUREMENT) {
      measuredCpuNanos += threads.getCurrentThreadCpuTime() - iterationCpuStart;
      measuredCalls += calls - iterationCallsStart;
    }
  }

  @Benchmark
  public Object search() {
    float[] query = queries[next];
    next = next + 1 == queries.length ? 0 : next + 1;
    calls++;
    return index.search(query, ef);
  }

  @TearDown(Level.Trial)
  public void report() throws IOException {
    double cpuQps = measuredCpuNanos == 0 ? 0 : measuredCalls / (measuredCpuNanos / 1e9);
    int n = data.vectors().length;
    String row =
        String.join(
            "\t",
            dataset,
            library.name(),
            index.kernel(),
            index.settings(),
            Integer.toString(buildThreads),
            String.format(Locale.ROOT, "%.2f", targetRecall),
            Integer.toString(ef),
            String.format(Locale.ROOT, "%.4f", recall),
            String.format(Locale.ROOT, "%.1f", buildWallSeconds),
            String.format(Locale.ROOT, "%.1f", buildCpuSeconds),
            Long.toString(index.vectorBytes() / n),
            Long.toString(index.graphBytes() / n),
            String.format(Locale.ROOT, "%.0f", cpuQps),
            System.getProperty("java.version"));
    Path rows = rowsFile();
    Files.writeString(
        rows,
        row + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  static Path rowsFile() throws IOException {
    String configured = System.getProperty("visualsearch.bench.rows");
    return configured != null
        ? Path.of(configured)
        : MatrixCache.directory().resolve("hnsw-peers-rows.tsv");
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
