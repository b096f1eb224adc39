package dev.visualsearch.eval.harness;

import dev.visualsearch.Embedder;
import dev.visualsearch.EmbeddingException;
import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The vectors one embedder made, by image file, so that an image shared by several benchmarks, or
 * searched with several indexes, is decoded and embedded once. Opens the embedder on first use.
 * Used by one harness thread; embedding itself runs on a pool of worker threads.
 */
final class EmbeddingCache implements AutoCloseable {

  private final EmbedderChoice choice;
  private final ImageDecoder decoder;
  private final int threads;
  private final int batchSize;
  private final Map<Path, float[]> vectors = new ConcurrentHashMap<>();
  private final Map<Path, String> failures = new ConcurrentHashMap<>();
  private Embedder embedder;

  EmbeddingCache(EmbedderChoice choice, ImageDecoder decoder, int threads, int batchSize) {
    this.choice = choice;
    this.decoder = decoder;
    this.threads = threads;
    this.batchSize = batchSize;
  }

  Embedder embedder() throws IOException {
    if (embedder == null) {
      embedder = choice.opener().open();
    }
    return embedder;
  }

  /**
   * Embeds the files not seen before; returns how many that was.
   *
   * @throws IOException if the embedder cannot be opened, or a file fails to be read for a reason
   *     other than being a bad image (that is recorded as a failure of the file)
   */
  int embed(Collection<Path> files) throws IOException {
    Embedder model = embedder();
    List<Path> missing = new ArrayList<>();
    for (Path file : new LinkedHashSet<>(files)) {
      Path key = key(file);
      if (!vectors.containsKey(key) && !failures.containsKey(key)) {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return 0;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, (missing.size() + batchSize - 1) / batchSize));
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int start = 0; start < missing.size(); start += batchSize) {
        List<Path> batch = missing.subList(start, Math.min(missing.size(), start + batchSize));
        tasks.add(pool.submit(() -> {
          embedBatch(model, batch);
          return null;
        }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while embedding with " + choice.name(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("embedding with " + choice.name() + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return missing.size();
  }

  private void embedBatch(Embedder model, List<Path> batch) {
    List<Path> decodedFiles = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (Path file : batch) {
      try {
        images.add(decoder.decode(file));
        decodedFiles.add(file);
      } catch (IOException e) {
        // A bad image is a fact about the data, reported with the results, not a harness failure.
        failures.put(file, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    try {
      List<float[]> embedded = model.embedAll(images);
      for (int i = 0; i < decodedFiles.size(); i++) {
        vectors.put(decodedFiles.get(i), embedded.get(i));
      }
    } catch (EmbeddingException batchFailure) {
      // Find the image the model refuses; keep the others.
      for (int i = 0; i < decodedFiles.size(); i++) {
        try {
          vectors.put(decodedFiles.get(i), model.embed(images.get(i)));
        } catch (EmbeddingException e) {
          failures.put(decodedFiles.get(i), "the model failed: " + e.getMessage());
        }
      }
    }
  }

  Optional<float[]> vector(Path file) {
    return Optional.ofNullable(vectors.get(key(file)));
  }

  Optional<String> failure(Path file) {
    return Optional.ofNullable(failures.get(key(file)));
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  @Override
  public void close() {
    if (embedder != null) {
      embedder.close();
    }
  }
}
