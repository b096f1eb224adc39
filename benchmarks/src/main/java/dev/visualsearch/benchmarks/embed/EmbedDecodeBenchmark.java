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
 * Stage (b): decode and preprocess only. {@code threads} threads read the files of an image set
 * from disk, decode them ({@code decoder}: {@code turbo} = libjpeg-turbo at a reduced scale for
 * JPEG, {@code imageio} = full-size ImageIO), and preprocess them into input batches of the
 * model's layout, without running the model. One operation is a pass over the set; the {@code
 * images} counter gives images per second.
 *
 * <pre>
 * java -jar benchmarks/target/visualsearch-benchmarks.jar EmbedDecode -p images=large
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EmbedDecodeBenchmark {

  @Param({"zoo", "st"})
  public String model;

  @Param({"small", "photos", "large"})
  public String images;

  @Param({"turbo", "imageio"})
  public String decoder;

  @Param({"2"})
  public int threads;

  private OnnxImageEmbedder embedder;
  private ScaledImageDecoder scaledDecoder;
  private List<Path> pass;
  private int minShortSide;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    embedder = BenchmarkSetup.embedder(model, 8, 1, false);
    scaledDecoder = BenchmarkSetup.decoder(decoder);
    pass = BenchmarkSetup.pass(BenchmarkImages.Set.valueOf(images), 16);
    minShortSide = embedder.preprocessing().minimumShortSide();
    pool = BenchmarkSetup.pool(threads, "decode");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
    embedder.close();
  }

  @Benchmark
  public void decodeAndPreprocess(ImageCounter counter) throws Exception {
    long cpu = ImageCounter.processCpuNanos();
    AtomicInteger next = new AtomicInteger();
    BenchmarkSetup.onAll(pool, threads, () -> {
      InputBatch batch = embedder.newBatch();
      for (int i; (i = next.getAndIncrement()) < pass.size(); ) {
        if (batch.isFull()) {
          batch.clear();
        }
        batch.add(scaledDecoder.decode(pass.get(i), minShortSide));
      }
    });
    counter.cpuNanos += ImageCounter.processCpuNanos() - cpu;
    counter.images += pass.size();
  }
}
