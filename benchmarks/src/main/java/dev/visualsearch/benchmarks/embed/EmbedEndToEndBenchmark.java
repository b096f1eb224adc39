package dev.visualsearch.benchmarks.embed;

import dev.visualsearch.embed.onnx.EmbeddingPipeline;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Stage (c): end to end, from files on disk to normalised vectors. {@code mode=pipeline} runs
 * {@link EmbeddingPipeline} ({@code decodeThreads} threads decode and preprocess into batches,
 * {@code inferenceThreads} run them); {@code mode=workers} is what the facade's folder indexer
 * does: {@code decodeThreads} workers each decode a batch of files, then embed it. One operation is
 * a pass over the image set; the {@code images} counter gives images per second.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar EmbedEndToEnd -p images=photos
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EmbedEndToEndBenchmark {

  @Param({"zoo", "st"})
  public String model;

  @Param({"1", "8", "32"})
  public int batch;

  @Param({"small", "photos", "large"})
  public String images;

  @Param({"turbo"})
  public String decoder;

  @Param({"pipeline"})
  public String mode;

  @Param({"2"})
  public int decodeThreads;

  @Param({"2"})
  public int inferenceThreads;

  private OnnxImageEmbedder embedder;
  private ScaledImageDecoder scaledDecoder;
  private EmbeddingPipeline pipeline;
  private List<Path> pass;
  private ExecutorService workers;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    embedder = BenchmarkSetup.embedder(model, batch, 1, false);
    scaledDecoder = BenchmarkSetup.decoder(decoder);
    pipeline = EmbeddingPipeline.builder(embedder).decoder(scaledDecoder)
        .decodeThreads(decodeThreads).inferenceThreads(inferenceThreads).build();
    // At least 4 batches per thread, so that the pass ends on full pipes rather than on a tail.
    pass = BenchmarkSetup.pass(BenchmarkImages.Set.valueOf(images),
        Math.max(16, 4 * batch * decodeThreads));
    workers = BenchmarkSetup.pool(decodeThreads, "worker");
    if (!mode.equals("pipeline") && !mode.equals("workers")) {
      throw new IllegalArgumentException("mode must be pipeline or workers: " + mode);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    workers.shutdownNow();
    embedder.close();
  }

  @Benchmark
  public void endToEnd(ImageCounter counter) throws Exception {
    long cpu = ImageCounter.processCpuNanos();
    int embedded = mode.equals("pipeline") ? viaPipeline() : viaWorkers();
    if (embedded != pass.size()) {
      throw new AssertionError("embedded " + embedded + " of " + pass.size());
    }
    counter.cpuNanos += ImageCounter.processCpuNanos() - cpu;
    counter.images += embedded;
  }

  private int viaPipeline() throws Exception {
    int embedded = 0;
    for (EmbeddingPipeline.Result result : pipeline.embedFiles(pass)) {
      embedded += result.ok() ? 1 : 0;
    }
    return embedded;
  }

  private int viaWorkers() throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger embedded = new AtomicInteger();
    int minShortSide = embedder.preprocessing().minimumShortSide();
    BenchmarkSetup.onAll(workers, decodeThreads, () -> {
      for (int from; (from = next.getAndAdd(batch)) < pass.size(); ) {
        List<BufferedImage> decoded = new ArrayList<>(batch);
        for (int i = from; i < Math.min(from + batch, pass.size()); i++) {
          decoded.add(scaledDecoder.decode(pass.get(i), minShortSide));
        }
        embedded.addAndGet(embedder.embedAll(decoded).size());
      }
    });
    return embedded.get();
  }
}
