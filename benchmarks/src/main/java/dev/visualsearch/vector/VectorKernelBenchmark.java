package dev.visualsearch.vector;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SIMD ({@code panama}) against scalar kernels at embedding dimensions, on data in L1/L2 cache so
 * that the arithmetic, not memory, is measured. Both implementations run in the same JMH run,
 * each in its own fork, so JIT profiles do not mix. This class sits in the kernels' package to
 * reach both implementations directly, whatever {@code VectorKernels} would choose.
 *
 * <p>{@code dot} and {@code squaredDistance} score one pair; {@code dotBulk} scores one query
 * against {@value #ROWS} rows (the score is per row, so the numbers compare with {@code dot}).
 * Each fork prints the JDK and the vector shape.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar VectorKernelBenchmark -f 1 -wi 2 -i 3
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar benchmarks/target/visualsearch-benchmarks.jar \
 *     VectorKernelBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VectorKernelBenchmark {

  static final int ROWS = 64;

  @Param({"scalar", "panama"})
  public String implementation;

  @Param({"128", "256", "512", "768", "1024", "1280"})
  public int dimension;

  private KernelImplementation kernels;
  private float[] a;
  private float[] b;
  private float[] rows;
  private float[] scores;

  @Setup
  public void setUp() {
    kernels = "panama".equals(implementation) ? PanamaKernels.INSTANCE : ScalarKernels.INSTANCE;
    System.out.println();
    System.out.println(
        "# kernels: " + kernels.name()
            + ("panama".equals(implementation) ? " " + PanamaKernels.shape() : "")
            + ", Java " + Runtime.version());
    SplittableRandom random = new SplittableRandom(42);
    a = random(random, dimension);
    b = random(random, dimension);
    rows = random(random, ROWS * dimension);
    scores = new float[ROWS];
  }

  @Benchmark
  public float dot() {
    return kernels.dot(a, 0, b, 0, dimension);
  }

  @Benchmark
  public float squaredDistance() {
    return kernels.squaredDistance(a, 0, b, 0, dimension);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public float[] dotBulk() {
    kernels.dotBulk(a, 0, rows, 0, dimension, ROWS, scores, 0);
    return scores;
  }

  private static float[] random(SplittableRandom random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }
}
