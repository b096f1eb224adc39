package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.benchmarks.Peers;
import dev.visualsearch.benchmarks.StreamingRead;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.NeighborQueue;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One exact top-10 query over {@code n} unit vectors of {@code dimension} floats, against the two
 * limits the issue sets, all measured in the same JMH run with the same JVM flags. One operation
 * of every method reads the same {@code n × dimension × 4} bytes, so the ratios of their scores
 * are the ratios the issue asks for:
 *
 * <ul>
 *   <li>{@code flatIndex}: {@link FlatIndex#search}, cosine (a dot product on stored unit
 *       vectors), with the kernels {@code VectorKernels} chose.
 *   <li>{@code flatIndexScalar}: the same with {@code -Dvisualsearch.vectorization=scalar}.
 *   <li>{@code lucene}: the peer, a scan over one {@code float[]} per vector (as Lucene holds them
 *       on heap) with Lucene's {@code VectorUtil.dotProduct} and its {@code NeighborQueue}.
 *   <li>{@code streamingRead}: the bandwidth probe, a SIMD read of the very array the flat index
 *       scans ({@link StreamingRead}); {@code flatIndex ÷ streamingRead} is the share of the
 *       bandwidth limit reached.
 *   <li>{@code streamingReadFourStreams}: the same read through four streams at once, which the
 *       memory system serves faster: the stricter limit.
 * </ul>
 *
 * <p>Every fork prints which path each side took: {@code visualsearch kernels: panama|scalar} and
 * {@code lucene vectorization: PanamaVectorizationProvider|DefaultVectorizationProvider}. The
 * forks add {@code --add-modules jdk.incubator.vector} and, so that Lucene 9.12 uses its SIMD path
 * above Java 23, {@code -Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25}. Lucene
 * never uses SIMD on Java 17; visualsearch does.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar FlatScanBenchmark -f 1 -wi 2 -i 3
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar benchmarks/target/visualsearch-benchmarks.jar \
 *     FlatScanBenchmark -p n=100000 -p dimension=512
 * </pre>
 *
 * <p>Memory: a fork holds one copy of the vectors (the index, or Lucene's arrays): 5.1 GB for
 * 1M × 1280, within the forks' {@code -Xmx12g}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules", "jdk.incubator.vector",
      "-Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25",
      "-Xmx12g"
    })
public class FlatScanBenchmark {

  private static final long SEED = 42L;
  private static final int QUERIES = 64;
  private static final int K = 10;

  @Param({"10000", "100000", "1000000"})
  public int n;

  @Param({"512", "1280"})
  public int dimension;

  private FlatIndex index;
  private float[] indexRows;
  private float[][] luceneRows;
  private float[][] queries;
  private int next;

  @Setup
  public void setUp(BenchmarkParams params) {
    SplittableRandom random = new SplittableRandom(SEED);
    queries = new float[QUERIES][];
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = unitVector(random, dimension);
    }
    String method = params.getBenchmark();
    // Each method runs in its own fork: build only what it reads.
    if (method.endsWith(".lucene")) {
      luceneRows = new float[n][];
      for (int i = 0; i < n; i++) {
        luceneRows[i] = unitVector(random, dimension);
      }
    } else {
      index = FlatIndex.builder(dimension, Metric.COSINE).expectedSize(n).build();
      for (int i = 0; i < n; i++) {
        index.add("image-" + i, unitVector(random, dimension));
      }
      indexRows = index.heapRowsForBenchmark();
    }
    System.out.println();
    System.out.println("# " + method.substring(method.lastIndexOf('.') + 1) + ": n=" + n
        + ", dimension=" + dimension + ", " + (long) n * dimension * Float.BYTES / 1_000_000
        + " MB per operation");
    System.out.println("# " + Peers.visualsearch());
    System.out.println("# " + Peers.lucene());
    System.out.println("# streaming read: " + StreamingRead.shape());
  }

  private int nextQuery() {
    int q = next;
    next = (q + 1) % QUERIES;
    return q;
  }

  @Benchmark
  public SearchResult flatIndex() {
    return index.search(queries[nextQuery()], K);
  }

  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {
        "--add-modules", "jdk.incubator.vector",
        "-Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25",
        "-Dvisualsearch.vectorization=scalar",
        "-Xmx12g"
      })
  public SearchResult flatIndexScalar() {
    return index.search(queries[nextQuery()], K);
  }

  @Benchmark
  public NeighborQueue lucene() {
    float[] query = queries[nextQuery()];
    NeighborQueue best = new NeighborQueue(K, false);
    for (int i = 0; i < luceneRows.length; i++) {
      best.insertWithOverflow(i, VectorUtil.dotProduct(query, luceneRows[i]));
    }
    return best;
  }

  @Benchmark
  public float streamingRead() {
    return StreamingRead.read(indexRows, n * dimension);
  }

  @Benchmark
  public float streamingReadFourStreams() {
    return StreamingRead.readFourStreams(indexRows, n * dimension);
  }

  static float[] unitVector(SplittableRandom random, int dimension) {
    float[] vector = new float[dimension];
    double norm = 0;
    for (int d = 0; d < dimension; d++) {
      vector[d] = (float) (random.nextDouble() * 2 - 1);
      norm += vector[d] * vector[d];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < dimension; d++) {
      vector[d] *= scale;
    }
    return vector;
  }
}
