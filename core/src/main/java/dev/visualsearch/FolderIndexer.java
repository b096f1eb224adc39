package dev.visualsearch;

import dev.visualsearch.image.ImageDecodeException;
import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Indexes every image under a folder with a pool of worker threads: each worker decodes a small
 * batch of files, embeds the batch, and hands the vectors to the collection. A file that cannot
 * be decoded or embedded is skipped and reported; the rest go on.
 *
 * <p>One instance indexes one folder; not reused.
 */
final class FolderIndexer {

  /** Receives each embedded image. Must be thread-safe: workers call it concurrently. */
  interface Sink {
    void accept(String id, Path file, float[] vector);
  }

  /**
   * Extensions of image files. Files with other names are counted as ignored rather than decoded,
   * so a folder's README or CSV is not reported as a broken image. The list does not depend on
   * which ImageIO plugins are installed: a WebP file without the WebP plugin is reported as
   * skipped, with the reason, instead of vanishing silently.
   */
  static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "wbmp", "webp", "tif", "tiff");

  private final ImageDecoder decoder;
  private final Embedder embedder;
  private final Sink sink;
  private final int threads;
  private final int batchSize;

  FolderIndexer(ImageDecoder decoder, Embedder embedder, Sink sink, int threads, int batchSize) {
    this.decoder = decoder;
    this.embedder = embedder;
    this.sink = sink;
    this.threads = threads;
    this.batchSize = batchSize;
  }

  FolderReport index(Path folder, ProgressListener listener) throws IOException {
    long start = System.nanoTime();
    if (!Files.isDirectory(folder)) {
      throw new java.nio.file.NotDirectoryException(folder.toString());
    }
    Listing listing = list(folder);
    List<SkippedFile> skipped = Collections.synchronizedList(new ArrayList<>(listing.unreadable));
    Progress progress = new Progress(listener, listing.images.size());
    AtomicInteger added = new AtomicInteger();

    ExecutorService pool = Executors.newFixedThreadPool(threads, workerThreads());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int from = 0; from < listing.images.size(); from += batchSize) {
        List<Path> batch =
            listing.images.subList(from, Math.min(from + batchSize, listing.images.size()));
        futures.add(
            pool.submit(
                () -> {
                  List<SkippedFile> batchSkipped = new ArrayList<>();
                  added.addAndGet(indexBatch(folder, batch, batchSkipped));
                  skipped.addAll(batchSkipped);
                  progress.advance(batch.size(), batchSkipped.size());
                }));
      }
      for (Future<?> future : futures) {
        await(future);
      }
    } finally {
      pool.shutdownNow();
    }
    List<SkippedFile> sorted = new ArrayList<>(skipped);
    sorted.sort(Comparator.comparing(SkippedFile::file));
    return new FolderReport(
        added.get(), sorted, listing.ignored, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Decodes, embeds and stores one batch; returns how many were stored. */
  private int indexBatch(Path folder, List<Path> files, List<SkippedFile> skipped) {
    List<Path> decodedFiles = new ArrayList<>(files.size());
    List<BufferedImage> images = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        images.add(decoder.decode(file));
        decodedFiles.add(file);
      } catch (IOException e) {
        skipped.add(new SkippedFile(file, reason(file, e)));
      } catch (RuntimeException e) {
        // An ImageIO plugin that trips over one malformed file must not end a run over thousands.
        skipped.add(new SkippedFile(file, "decoder failed: " + e));
      }
    }
    List<float[]> vectors;
    try {
      vectors = embedder.embedAll(images);
    } catch (EmbeddingException e) {
      // One image the model cannot take must not cost the others of its batch: retry one by one.
      vectors = new ArrayList<>(images.size());
      for (int i = 0; i < images.size(); i++) {
        try {
          vectors.add(embedder.embed(images.get(i)));
        } catch (EmbeddingException single) {
          vectors.add(null);
          skipped.add(new SkippedFile(decodedFiles.get(i), single.getMessage()));
        }
      }
    }
    int stored = 0;
    for (int i = 0; i < decodedFiles.size(); i++) {
      if (vectors.get(i) != null) {
        sink.accept(idOf(folder, decodedFiles.get(i)), decodedFiles.get(i), vectors.get(i));
        stored++;
      }
    }
    return stored;
  }

  /** The id of a file: its path relative to the folder, with '/' separators on every platform. */
  static String idOf(Path folder, Path file) {
    Path relative = folder.relativize(file);
    StringBuilder id = new StringBuilder();
    for (Path part : relative) {
      if (id.length() > 0) {
        id.append('/');
      }
      id.append(part);
    }
    return id.toString();
  }

  static boolean hasImageExtension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String reason(Path file, IOException e) {
    if (e instanceof ImageDecodeException decode) {
      String prefix = decode.source() + ": ";
      String message = decode.getMessage();
      return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.equals(file.toString())
        ? "" : ": " + message);
  }

  private record Listing(List<Path> images, List<SkippedFile> unreadable, int ignored) {}

  /** Lists image files (sorted, for a reproducible order), skipping hidden files and folders. */
  private static Listing list(Path folder) throws IOException {
    List<Path> images = new ArrayList<>();
    List<SkippedFile> unreadable = new ArrayList<>();
    int[] ignored = {0};
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(folder) && isHidden(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile() || isHidden(file)) {
              return FileVisitResult.CONTINUE;
            }
            if (hasImageExtension(file)) {
              images.add(file);
            } else {
              ignored[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            unreadable.add(new SkippedFile(file, reason(file, e)));
            return FileVisitResult.CONTINUE;
          }
        });
    Collections.sort(images);
    return new Listing(images, unreadable, ignored[0]);
  }

  private static boolean isHidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  private static void await(Future<?> future) throws IOException {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while indexing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "visualsearch-indexer-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Counts progress and reports it to the listener one call at a time. */
  private static final class Progress {
    private final ProgressListener listener;
    private final int total;
    private int processed;
    private int skipped;

    Progress(ProgressListener listener, int total) {
      this.listener = listener;
      this.total = total;
    }

    synchronized void advance(int files, int skippedFiles) {
      processed += files;
      skipped += skippedFiles;
      if (listener != null) {
        listener.progress(processed, skipped, total);
      }
    }
  }
}
