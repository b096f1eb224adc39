package dev.visualsearch.benchmarks;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact top-10 cosine search in a {@link FlatIndex} of {@code n} random vectors of dimension
 * {@code dimension}, one query per operation, cycling through a fixed set of queries.
 *
 * <p>Vectors and queries come from a fixed seed, so runs compare like with like. Random vectors
 * are the worst case for nothing here: a flat scan costs the same whatever the data, about {@code
 * n × dimension} multiply-adds per query.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar FlatIndexSearch -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// 100000 × 512 floats are 200 MB; leave the heap room for them and for the copy made on growth.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FlatIndexSearchBenchmark {

  private static final long SEED = 42L;
  private static final int QUERIES = 64;
  private static final int K = 10;

  @Param({"10000", "100000"})
  public int n;

  @Param({"512"})
  public int dimension;

  private FlatIndex index;
  private float[][] queries;
  private int next;

  @Setup(Level.Trial)
  public void buildIndex() {
    SplittableRandom random = new SplittableRandom(SEED);
    index = FlatIndex.create(dimension, Metric.COSINE);
    for (int i = 0; i < n; i++) {
      index.add("image-" + i, randomVector(random));
    }
    queries = new float[QUERIES][];
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = randomVector(random);
    }
  }

  @Benchmark
  public SearchResult searchTop10() {
    float[] query = queries[next];
    next = (next + 1) % QUERIES;
    return index.search(query, K);
  }

  /** Uniform in [-1, 1): the distribution does not change the cost of an exact scan. */
  private float[] randomVector(SplittableRandom random) {
    float[] vector = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      vector[d] = (float) (random.nextDouble() * 2 - 1);
    }
    return vector;
  }
}
