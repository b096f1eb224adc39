package dev.visualsearch.benchmarks.embed;

import dev.visualsearch.embed.onnx.InputBatch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * Stage (a): inference only. {@code workers} threads share one embedder and run the model on
 * pre-built input batches of {@code batch} images (already preprocessed into direct buffers), so
 * nothing but ONNX Runtime runs. One operation is a pass of {@value #PASS} images; the {@code
 * images} counter gives images per second.
 *
 * <p>ONNX Runtime's settings are parameters: {@code intraOpThreads} per run and {@code spinning}
 * of those threads.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar EmbedInference -p batch=8
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EmbedInferenceBenchmark {

  static final int PASS = 64;

  @Param({"zoo", "st"})
  public String model;

  @Param({"1", "8", "32"})
  public int batch;

  @Param({"2"})
  public int workers;

  @Param({"1"})
  public int intraOpThreads;

  @Param({"false"})
  public boolean spinning;

  private OnnxImageEmbedder embedder;
  private InputBatch[] batches;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    embedder = BenchmarkSetup.embedder(model, batch, intraOpThreads, spinning);
    List<Path> files = BenchmarkSetup.pass(BenchmarkImages.Set.small, batch);
    ScaledImageDecoder decoder = BenchmarkSetup.decoder("imageio");
    batches = new InputBatch[workers];
    for (int w = 0; w < workers; w++) {
      batches[w] = embedder.newBatch();
      for (int i = 0; i < batch; i++) {
        batches[w].add(decoder.decode(files.get(i), 0));
      }
    }
    pool = BenchmarkSetup.pool(workers, "inference");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
    embedder.close();
  }

  @Benchmark
  public void inference(ImageCounter counter) throws Exception {
    long cpu = ImageCounter.processCpuNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger worker = new AtomicInteger();
    BenchmarkSetup.onAll(pool, workers, () -> {
      InputBatch own = batches[worker.getAndIncrement()];
      while (next.getAndAdd(batch) < PASS) {
        if (embedder.embedBatch(own).size() != batch) {
          throw new AssertionError("wrong number of vectors");
        }
      }
    });
    // Batches are whole: a pass of 64 runs ceil(64 / batch) of them.
    counter.cpuNanos += ImageCounter.processCpuNanos() - cpu;
    counter.images += (long) ((PASS + batch - 1) / batch) * batch;
  }
}
