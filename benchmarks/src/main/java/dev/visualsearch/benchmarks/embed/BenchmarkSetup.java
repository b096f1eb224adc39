package dev.visualsearch.benchmarks.embed;

import dev.visualsearch.embed.onnx.KnownModel;
import dev.visualsearch.embed.onnx.ModelCache;
import dev.visualsearch.embed.onnx.ModelRegistry;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import dev.visualsearch.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** What the embedding benchmarks share: models, decoders, passes over files, worker pools. */
final class BenchmarkSetup {

  private BenchmarkSetup() {}

  /** The registry name of a benchmark's {@code model} parameter. */
  static KnownModel model(String parameter) {
    switch (parameter) {
      case "zoo":
        return ModelRegistry.get("mobilenetv2-12-int8");
      case "st":
        return ModelRegistry.get("mobilenetv2-int8-st");
      default:
        throw new IllegalArgumentException("model must be zoo or st: " + parameter);
    }
  }

  /** An embedder of the shared model file, with the model's registry settings. */
  static OnnxImageEmbedder embedder(String model, int batch, int intraOpThreads,
      boolean spinning) throws IOException {
    ModelCache cache = ModelCache.builder()
        .offlineDirectory(BenchmarkImages.shared().resolve("models")).build();
    KnownModel known = model(model);
    return known.embedderBuilder(cache.fetch(known)).batchSize(batch)
        .intraOpThreads(intraOpThreads).intraOpSpinning(spinning).build();
  }

  /**
   * A benchmark's {@code decoder} parameter: {@code turbo} reduces JPEGs with libjpeg-turbo
   * (when installed; the report prints whether it is), {@code imageio} decodes every file at full
   * size with {@link ImageDecoder}.
   */
  static ScaledImageDecoder decoder(String parameter) {
    switch (parameter) {
      case "turbo":
        ScaledImageDecoder decoder = ScaledImageDecoder.create(ImageDecoder.defaults());
        if (!decoder.usesTurboJpeg()) {
          System.err.println("WARNING decoder=turbo runs ImageIO: "
              + ScaledImageDecoder.turboJpegStatus());
        }
        return decoder;
      case "imageio":
        return ScaledImageDecoder.withoutTurboJpeg(ImageDecoder.defaults());
      default:
        throw new IllegalArgumentException("decoder must be turbo or imageio: " + parameter);
    }
  }

  /** One pass of a set: its files, repeated to at least {@code minimum} files. */
  static List<Path> pass(BenchmarkImages.Set set, int minimum) {
    List<Path> files = BenchmarkImages.files(set);
    List<Path> pass = new ArrayList<>();
    while (pass.size() < minimum) {
      pass.addAll(files);
    }
    return pass;
  }

  /** Daemon worker threads. */
  static ExecutorService pool(int threads, String name) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs {@code task} on every thread of {@code pool} ({@code threads} of them), waits for all. */
  static void onAll(ExecutorService pool, int threads, Task task) throws Exception {
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        task.run();
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> future : futures) {
      future.get();
    }
  }

  /** Work that may throw. */
  @FunctionalInterface
  interface Task {
    void run() throws Exception;
  }
}
