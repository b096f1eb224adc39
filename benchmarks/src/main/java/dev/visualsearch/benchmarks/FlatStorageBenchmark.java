package dev.visualsearch.benchmarks;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.index.flat.VectorEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One top-10 cosine query over {@code n} vectors held each way a {@link FlatIndex} can hold them:
 * {@code heap} or {@code mapped} ({@link FlatIndex#openMapped} of a saved file, after the page
 * cache holds it), scanning float32, float16 or int8 (encoded scans re-score 4 × 10 candidates
 * exactly). Compare against {@code heap-FLOAT32} in the same run.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar FlatStorageBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class FlatStorageBenchmark {

  private static final int QUERIES = 64;

  @Param({"100000"})
  public int n;

  @Param({"512"})
  public int dimension;

  @Param({"heap", "mapped"})
  public String holding;

  @Param({"FLOAT32", "FLOAT16", "INT8"})
  public VectorEncoding encoding;

  private FlatIndex index;
  private Path file;
  private float[][] queries;
  private int next;

  @Setup
  public void setUp() throws IOException {
    SplittableRandom random = new SplittableRandom(42L);
    FlatIndex built =
        FlatIndex.builder(dimension, Metric.COSINE).encoding(encoding).expectedSize(n).build();
    for (int i = 0; i < n; i++) {
      built.add("image-" + i, randomVector(random));
    }
    if ("mapped".equals(holding)) {
      file = Files.createTempFile("flat-storage-benchmark", ".bin");
      built.save(file);
      built = null; // the heap copy goes; only the mapping remains
      index = FlatIndex.openMapped(file);
    } else {
      index = built;
    }
    queries = new float[QUERIES][];
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = randomVector(random);
    }
    System.out.println();
    System.out.println("# " + Peers.visualsearch() + "; " + index);
  }

  @TearDown
  public void tearDown() throws IOException {
    index.close();
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  @Benchmark
  public SearchResult search() {
    float[] query = queries[next];
    next = (next + 1) % QUERIES;
    return index.search(query, 10);
  }

  private float[] randomVector(SplittableRandom random) {
    float[] vector = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      vector[d] = (float) (random.nextDouble() * 2 - 1);
    }
    return vector;
  }
}
