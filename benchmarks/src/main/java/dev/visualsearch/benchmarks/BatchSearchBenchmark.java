package dev.visualsearch.benchmarks;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A batch of {@code batch} top-10 queries over {@code n} unit vectors: {@link
 * FlatIndex#searchAll} against the same queries one by one with {@link FlatIndex#search}. One
 * operation of either method answers the whole batch, so {@code searchAll ÷ oneByOne} is the
 * speed-up of batching (the issue asks for at least 3× at 16 and 64 queries).
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar BatchSearchBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class BatchSearchBenchmark {

  private static final int K = 10;

  @Param({"100000"})
  public int n;

  @Param({"512", "1280"})
  public int dimension;

  @Param({"16", "64"})
  public int batch;

  private FlatIndex index;
  private float[][] queries;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42L);
    index = FlatIndex.builder(dimension, Metric.COSINE).expectedSize(n).build();
    for (int i = 0; i < n; i++) {
      index.add("image-" + i, randomVector(random));
    }
    queries = new float[batch][];
    for (int q = 0; q < batch; q++) {
      queries[q] = randomVector(random);
    }
    System.out.println();
    System.out.println("# " + Peers.visualsearch() + "; n=" + n + ", dimension=" + dimension
        + ", batch=" + batch);
  }

  @Benchmark
  public List<SearchResult> searchAll() {
    return index.searchAll(queries, K, null);
  }

  @Benchmark
  public void oneByOne(Blackhole results) {
    for (float[] query : queries) {
      results.consume(index.search(query, K));
    }
  }

  private float[] randomVector(SplittableRandom random) {
    float[] vector = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      vector[d] = (float) (random.nextDouble() * 2 - 1);
    }
    return vector;
  }
}
