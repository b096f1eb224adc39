package dev.visualsearch.embed.onnx;

import dev.visualsearch.EmbeddingException;
import dev.visualsearch.image.ImageDecoder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Embeds image files with decoding and preprocessing overlapped with inference: decoding threads
 * turn each run of {@link OnnxImageEmbedder#batchSize()} files into an {@link InputBatch}
 * (decode, possibly at a reduced JPEG scale, then preprocess straight into the batch's direct
 * buffer; the decoded picture is dropped at once), and inference threads run the batches as they
 * come. A bounded number of batches is in flight, so memory stays at a few batches whatever the
 * number of files, and their buffers are reused, also by later calls: a pipeline keeps the
 * buffers of up to {@code decodeThreads + 2 × inferenceThreads} batches per concurrent call
 * (e.g. 29 MB for a 224-pixel float model at batch 8 with 2 + 2 threads) until it is dropped.
 *
 * <pre>{@code
 * EmbeddingPipeline pipeline = EmbeddingPipeline.builder(embedder).build();
 * List<EmbeddingPipeline.Result> results = pipeline.embedFiles(files);
 * }</pre>
 *
 * <p>A file that cannot be read or decoded is reported as failed and the others go on; so are the
 * files of a batch on which the model fails.
 *
 * <p>Thread-safe; each call runs its own threads, which end before it returns. Its settings are
 * immutable; its only state is the spare batches.
 */
public final class EmbeddingPipeline {

  /** Receives each file's outcome, from pipeline threads; must be thread-safe. */
  public interface Listener {
    /** {@code files.get(index)} was embedded to {@code vector} (a new array, the caller's). */
    void embedded(int index, Path file, float[] vector);

    /** {@code files.get(index)} could not be embedded: {@code error} says why. */
    void failed(int index, Path file, Exception error);
  }

  /**
   * One file's outcome: a vector, or the error that prevented one.
   *
   * @param file the file
   * @param vector its vector, or null when it failed
   * @param error why it failed, or null when it was embedded
   */
  public record Result(Path file, float[] vector, Exception error) {
    /** Whether the file was embedded. */
    public boolean ok() {
      return vector != null;
    }
  }

  private final OnnxImageEmbedder embedder;
  private final ScaledImageDecoder decoder;
  private final boolean reducedDecoding;
  private final int decodeThreads;
  private final int inferenceThreads;
  // Batches of earlier calls, cleared, for the next: otherwise each call allocates (and zeroes,
  // and leaves to the GC's cleaner) up to decodeThreads + 2 x inferenceThreads direct buffers of
  // a batch each, CPU per image that grew with the batch size in EmbedEndToEndBenchmark (whose
  // calls embed a few hundred small files).
  private final ConcurrentLinkedQueue<InputBatch> spare = new ConcurrentLinkedQueue<>();

  private EmbeddingPipeline(Builder builder) {
    this.embedder = builder.embedder;
    this.decoder = builder.decoder;
    this.reducedDecoding = builder.reducedDecoding;
    this.decodeThreads = builder.decodeThreads;
    this.inferenceThreads = builder.inferenceThreads;
  }

  /**
   * Starts configuring a pipeline for {@code embedder}, which the caller keeps and closes.
   *
   * @throws NullPointerException if {@code embedder} is null
   */
  public static Builder builder(OnnxImageEmbedder embedder) {
    return new Builder(Objects.requireNonNull(embedder, "embedder"));
  }

  /**
   * Embeds every file.
   *
   * @return one result per file, in the order of {@code files}
   * @throws NullPointerException if {@code files} or an element is null
   * @throws IllegalStateException if the embedder is closed
   * @throws InterruptedIOException if the calling thread is interrupted (running work is
   *     abandoned)
   */
  public List<Result> embedFiles(List<Path> files) throws InterruptedIOException {
    Result[] results = new Result[files.size()];
    embedFiles(files, new Listener() {
      @Override
      public void embedded(int index, Path file, float[] vector) {
        results[index] = new Result(file, vector, null);
      }

      @Override
      public void failed(int index, Path file, Exception error) {
        results[index] = new Result(file, null, error);
      }
    });
    return Arrays.asList(results);
  }

  /**
   * Embeds every file, telling {@code listener} about each as it finishes (in no set order).
   *
   * @throws NullPointerException if an argument or a file is null
   * @throws IllegalStateException if the embedder is closed
   * @throws InterruptedIOException if the calling thread is interrupted
   * @throws RuntimeException what the listener throws, after the running work stops
   */
  public void embedFiles(List<Path> files, Listener listener) throws InterruptedIOException {
    Objects.requireNonNull(listener, "listener");
    List<Path> list = List.copyOf(files); // null check of every element
    if (list.isEmpty()) {
      return;
    }
    int batchSize = embedder.batchSize();
    int batches = (list.size() + batchSize - 1) / batchSize;
    int minShortSide = reducedDecoding ? embedder.preprocessing().minimumShortSide() : 0;
    // Enough batches in flight to keep every thread busy, few enough to bound memory.
    Semaphore inFlight = new Semaphore(decodeThreads + 2 * inferenceThreads);
    CountDownLatch done = new CountDownLatch(batches);
    // The first failure that must end the run: the listener threw, or the embedder was closed.
    AtomicReference<RuntimeException> stop = new AtomicReference<>();
    ExecutorService decoding = Executors.newFixedThreadPool(decodeThreads, threads("decode"));
    ExecutorService inference =
        Executors.newFixedThreadPool(inferenceThreads, threads("inference"));
    try {
      for (int b = 0; b < batches; b++) {
        int from = b * batchSize;
        int to = Math.min(from + batchSize, list.size());
        inFlight.acquire();
        if (stop.get() != null) {
          inFlight.release();
          done.countDown();
          continue;
        }
        decoding.execute(() -> {
          InputBatch batch = null;
          boolean handedOver = false;
          try {
            batch = spare.poll();
            if (batch == null) {
              batch = embedder.newBatch();
            }
            int[] indices = decodeInto(batch, list, from, to, minShortSide, listener, stop);
            InputBatch ready = batch;
            inference.execute(() -> {
              try {
                runBatch(ready, indices, list, listener, stop);
              } catch (RuntimeException e) {
                stop.compareAndSet(null, e);
              } finally {
                ready.clear();
                spare.add(ready);
                inFlight.release();
                done.countDown();
              }
            });
            handedOver = true;
          } catch (RuntimeException e) {
            stop.compareAndSet(null, e);
          } finally {
            if (!handedOver) {
              inFlight.release();
              done.countDown();
            }
          }
        });
      }
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while embedding " + list.size() + " files");
    } finally {
      decoding.shutdownNow();
      inference.shutdownNow();
    }
    RuntimeException failure = stop.get();
    if (failure != null) {
      throw failure;
    }
  }

  /** Decodes and preprocesses files {@code [from, to)} into the batch; returns their indices. */
  private int[] decodeInto(InputBatch batch, List<Path> files, int from, int to,
      int minShortSide, Listener listener, AtomicReference<RuntimeException> stop) {
    int[] indices = new int[to - from];
    int count = 0;
    for (int i = from; i < to && stop.get() == null; i++) {
      int index = i;
      Path file = files.get(i);
      try {
        batch.add(decoder.decode(file, minShortSide));
        indices[count++] = i;
      } catch (IOException | RuntimeException e) {
        // A reader plugin that trips over one malformed file must not end a run over thousands.
        report(stop, () -> listener.failed(index, file, e));
      }
    }
    return Arrays.copyOf(indices, count);
  }

  /** Runs the model on a batch and reports its files. */
  private void runBatch(InputBatch batch, int[] indices, List<Path> files, Listener listener,
      AtomicReference<RuntimeException> stop) {
    if (indices.length == 0 || stop.get() != null) {
      return;
    }
    List<float[]> vectors;
    try {
      vectors = embedder.embedBatch(batch);
    } catch (EmbeddingException e) {
      for (int index : indices) {
        report(stop, () -> listener.failed(index, files.get(index), e));
      }
      return;
    }
    for (int k = 0; k < indices.length; k++) {
      int index = indices[k];
      float[] vector = vectors.get(k);
      report(stop, () -> listener.embedded(index, files.get(index), vector));
    }
  }

  private static void report(AtomicReference<RuntimeException> failure, Runnable call) {
    if (failure.get() != null) {
      return; // the run is stopping: no more calls into a listener that failed
    }
    try {
      call.run();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private static ThreadFactory threads(String role) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "visualsearch-embed-" + role + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "EmbeddingPipeline[decode threads " + decodeThreads + ", inference threads "
        + inferenceThreads + ", " + decoder + (reducedDecoding ? ", reduced" : ", full")
        + " decoding]";
  }

  /**
   * Configures an {@link EmbeddingPipeline}. Setters validate at once. Not thread-safe; the
   * pipelines it builds are.
   */
  public static final class Builder {

    private final OnnxImageEmbedder embedder;
    private ScaledImageDecoder decoder = ScaledImageDecoder.create(ImageDecoder.defaults());
    private boolean reducedDecoding = true;
    private int decodeThreads = Runtime.getRuntime().availableProcessors();
    private int inferenceThreads = Runtime.getRuntime().availableProcessors();

    private Builder(OnnxImageEmbedder embedder) {
      this.embedder = embedder;
    }

    /**
     * The decoder. If unset, {@link ScaledImageDecoder#create} over {@link
     * ImageDecoder#defaults()}: libjpeg-turbo for JPEG when installed, ImageIO otherwise.
     *
     * @throws NullPointerException if {@code decoder} is null
     */
    public Builder decoder(ScaledImageDecoder decoder) {
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /**
     * Whether JPEGs may be decoded at a reduced scale that keeps the preprocessing's {@link
     * Preprocessing#minimumShortSide()}. If unset, true. Vectors then differ slightly from those
     * of full decodes (see {@link ScaledImageDecoder}): decode queries the same way.
     */
    public Builder reducedDecoding(boolean reduced) {
      this.reducedDecoding = reduced;
      return this;
    }

    /**
     * Threads that decode and preprocess. If unset, the number of processors.
     *
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Builder decodeThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("decode threads must be at least 1: " + n);
      }
      this.decodeThreads = n;
      return this;
    }

    /**
     * Threads that run the model, each on its own batch (ONNX Runtime's own threads per run are
     * the embedder's {@code intraOpThreads}). If unset, the number of processors: when the model
     * is the slower stage (small images) every core must be able to run it, and when decoding is
     * (large photos) the inference threads wait on the queue without using a core.
     *
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Builder inferenceThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("inference threads must be at least 1: " + n);
      }
      this.inferenceThreads = n;
      return this;
    }

    /** A pipeline with these settings. */
    public EmbeddingPipeline build() {
      return new EmbeddingPipeline(this);
    }
  }
}
