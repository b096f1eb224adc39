package dev.visualsearch;

import dev.visualsearch.image.ImageDecodeException;
import dev.visualsearch.image.DecodedImage;
import dev.visualsearch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Indexes the images under a folder with a pool of worker threads, doing as little work as the
 * collection allows:
 *
 * <ul>
 *   <li>a file whose item is already stored with the same size and modification time is left
 *       alone (in {@link Mode#SYNC});
 *   <li>a file whose content (SHA-256) is already stored — the same file renamed or copied, or
 *       touched without change — reuses the stored vector instead of being embedded again;
 *   <li>every other file is decoded and embedded, a small batch at a time per worker.
 * </ul>
 *
 * A file that cannot be read, decoded or embedded is skipped and reported; the rest go on. In
 * {@link Mode#SYNC} the items of files that are gone (or now unreadable) are removed afterwards,
 * so the collection mirrors the folder.
 *
 * <p>One instance indexes one folder once.
 */
final class FolderIndexer {

  /** Whether the items of files gone from the folder are removed. */
  enum Mode {
    /** Add and update; never remove. */
    ADD,
    /** Add, update, and remove the items of files that are gone: mirror the folder. */
    SYNC
  }

  /** What the indexer needs of the collection. Must be thread-safe. */
  interface Collection {
    void store(CatalogEntry entry, float[] vector);

    Optional<float[]> vector(String id);

    boolean remove(String id);

    List<CatalogEntry> entries();
  }

  /**
   * Extensions of image files. Files with other names are counted as ignored rather than decoded,
   * so a folder's README or CSV is not reported as a broken image. The list does not depend on
   * which ImageIO plugins are installed: a WebP file without the WebP plugin is reported as
   * skipped, with the reason, instead of vanishing silently.
   */
  static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "wbmp", "webp", "tif", "tiff");

  private final ImageLoader loader;
  private final Embedder embedder;
  private final Collection collection;
  private final int threads;
  private final int batchSize;

  FolderIndexer(
      ImageLoader loader, Embedder embedder, Collection collection, int threads, int batchSize) {
    this.loader = loader;
    this.embedder = embedder;
    this.collection = collection;
    this.threads = threads;
    this.batchSize = batchSize;
  }

  FolderReport index(Path folder, Mode mode, ProgressListener listener) throws IOException {
    long start = System.nanoTime();
    if (!Files.isDirectory(folder)) {
      throw new NotDirectoryException(folder.toString());
    }
    Listing listing = list(folder);
    Run run = new Run(folder, mode, listing, collection.entries());
    List<ImageFile> todo = new ArrayList<>();
    for (ImageFile file : listing.images) {
      if (!run.isUnchanged(file)) {
        todo.add(file);
      }
    }
    Progress progress = new Progress(listener, todo.size());

    ExecutorService pool = Executors.newFixedThreadPool(threads, workerThreads());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int from = 0; from < todo.size(); from += batchSize) {
        List<ImageFile> batch = todo.subList(from, Math.min(from + batchSize, todo.size()));
        futures.add(
            pool.submit(
                () -> progress.advance(batch.size(), indexBatch(run, batch))));
      }
      for (Future<?> future : futures) {
        await(future);
      }
    } finally {
      pool.shutdownNow();
    }
    int removed = mode == Mode.SYNC ? removeGone(run) : 0;
    return run.report(removed, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Hashes each file, reuses stored vectors where the content is known, embeds the rest. Returns
   * how many files of the batch were skipped.
   */
  private int indexBatch(Run run, List<ImageFile> files) {
    int skipped = 0;
    List<ImageFile> toEmbed = new ArrayList<>(files.size());
    List<DecodedImage> images = new ArrayList<>(files.size());
    List<String> hashes = new ArrayList<>(files.size());
    for (ImageFile file : files) {
      try {
        String sha256 = FileHashes.sha256(file.path);
        if (run.reuse(file, sha256)) {
          continue;
        }
        images.add(loader.load(file.path));
        toEmbed.add(file);
        hashes.add(sha256);
      } catch (IOException e) {
        run.skip(file.path, reason(file.path, e));
        skipped++;
      } catch (RuntimeException e) {
        // An ImageIO plugin that trips over one malformed file must not end a run over thousands.
        run.skip(file.path, "decoder failed: " + e);
        skipped++;
      }
    }
    List<BufferedImage> pictures = new ArrayList<>(images.size());
    images.forEach(image -> pictures.add(image.image()));
    List<float[]> vectors = embedAll(run, toEmbed, pictures);
    for (int i = 0; i < toEmbed.size(); i++) {
      if (vectors.get(i) != null) {
        DecodedImage image = images.get(i);
        run.storeEmbedded(toEmbed.get(i), hashes.get(i), image.originalWidth(),
            image.originalHeight(), vectors.get(i));
      } else {
        skipped++;
      }
    }
    return skipped;
  }

  /** Embeds a batch; one image the model cannot take must not cost the others: retry singly. */
  private List<float[]> embedAll(Run run, List<ImageFile> files, List<BufferedImage> images) {
    try {
      return embedder.embedAll(images);
    } catch (EmbeddingException e) {
      List<float[]> vectors = new ArrayList<>(images.size());
      for (int i = 0; i < images.size(); i++) {
        try {
          vectors.add(embedder.embed(images.get(i)));
        } catch (EmbeddingException single) {
          vectors.add(null);
          run.skip(files.get(i).path, single.getMessage());
        }
      }
      return vectors;
    }
  }

  /** Removes the items of files no longer in the folder, or no longer readable. */
  private int removeGone(Run run) {
    int removed = 0;
    for (CatalogEntry entry : run.previousBySource.values()) {
      String source = entry.source().orElseThrow();
      boolean present = run.listedSources.contains(source) && !run.skippedSources.contains(source);
      if (!present && !run.storedIds.contains(entry.id()) && collection.remove(entry.id())) {
        removed++;
      }
    }
    return removed;
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
    return e.getClass().getSimpleName()
        + (message == null || message.equals(file.toString()) ? "" : ": " + message);
  }

  /** An image file as listed: its path, size and modification time. */
  private record ImageFile(Path path, long size, Instant lastModified) {}

  private record Listing(List<ImageFile> images, List<SkippedFile> unreadable, int ignored) {}

  /** Lists image files (sorted, for a reproducible order), skipping hidden files and folders. */
  private static Listing list(Path folder) throws IOException {
    List<ImageFile> images = new ArrayList<>();
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
              images.add(
                  new ImageFile(file, attrs.size(), attrs.lastModifiedTime().toInstant()));
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
    images.sort(Comparator.comparing(ImageFile::path));
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

  /** The state of one indexing run, shared by its workers. */
  private final class Run {
    final Path folder;
    final Mode mode;
    /** Items that came from files under the folder before this run, by source path. */
    final Map<String, CatalogEntry> previousBySource = new HashMap<>();
    /** Stored content: SHA-256 → an item with that content. */
    final Map<String, Donor> donorByHash = new ConcurrentHashMap<>();
    final Set<String> listedSources = new HashSet<>();
    final Set<String> skippedSources = ConcurrentHashMap.newKeySet();
    final Set<String> storedIds = ConcurrentHashMap.newKeySet();
    final List<SkippedFile> skipped;
    final int ignored;
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger updated = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger reused = new AtomicInteger();

    Run(Path folder, Mode mode, Listing listing, List<CatalogEntry> entries) {
      this.folder = folder;
      this.mode = mode;
      this.skipped = Collections.synchronizedList(new ArrayList<>(listing.unreadable));
      this.ignored = listing.ignored;
      String prefix = folder.toString().endsWith(folder.getFileSystem().getSeparator())
          ? folder.toString()
          : folder + folder.getFileSystem().getSeparator();
      List<CatalogEntry> sorted = new ArrayList<>(entries);
      sorted.sort(Comparator.comparing(CatalogEntry::id));
      for (CatalogEntry entry : sorted) {
        entry.source()
            .filter(source -> source.startsWith(prefix))
            .ifPresent(source -> previousBySource.put(source, entry));
        entry.sourceFile()
            .ifPresent(file -> donorByHash.putIfAbsent(file.sha256(), new Donor(entry.id(), file)));
      }
      listing.images.forEach(file -> listedSources.add(file.path.toString()));
    }

    /** Whether the file's item is stored, under its id, with the file's size and time. */
    boolean isUnchanged(ImageFile file) {
      if (mode != Mode.SYNC) {
        return false;
      }
      CatalogEntry previous = previousBySource.get(file.path.toString());
      boolean same =
          previous != null
              && previous.id().equals(idOf(folder, file.path))
              && previous.sourceFile().map(f -> f.sameSizeAndTime(file.size, file.lastModified))
                  .orElse(false);
      if (same) {
        unchanged.incrementAndGet();
      }
      return same;
    }

    /**
     * Stores the file with the vector of an item of the same content, if there is one: the file
     * itself touched without change, renamed, or copied. Returns whether it did.
     */
    boolean reuse(ImageFile file, String sha256) {
      Donor donor = donorByHash.get(sha256);
      Optional<float[]> vector = donor == null ? Optional.empty() : collection.vector(donor.id);
      if (vector.isEmpty()) {
        return false;
      }
      String id = idOf(folder, file.path);
      SourceFile facts =
          new SourceFile(sha256, file.size, file.lastModified, donor.file.width(),
              donor.file.height());
      store(file, facts, vector.get());
      if (donor.id.equals(id)) {
        unchanged.incrementAndGet();
      } else {
        reused.incrementAndGet();
      }
      return true;
    }

    void storeEmbedded(ImageFile file, String sha256, int width, int height, float[] vector) {
      boolean replacing = previousBySource.containsKey(file.path.toString());
      store(file, new SourceFile(sha256, file.size, file.lastModified, width, height), vector);
      (replacing ? updated : added).incrementAndGet();
    }

    private void store(ImageFile file, SourceFile facts, float[] vector) {
      String id = idOf(folder, file.path);
      CatalogEntry previous = previousBySource.get(file.path.toString());
      Map<String, String> metadata = previous != null ? previous.metadata() : Map.of();
      collection.store(new CatalogEntry(id, file.path.toString(), facts, metadata), vector);
      storedIds.add(id);
      donorByHash.putIfAbsent(facts.sha256(), new Donor(id, facts));
    }

    void skip(Path file, String reason) {
      skipped.add(new SkippedFile(file, reason));
      skippedSources.add(file.toString());
    }

    FolderReport report(int removed, Duration elapsed) {
      List<SkippedFile> sorted = new ArrayList<>(skipped);
      sorted.sort(Comparator.comparing(SkippedFile::file));
      return new FolderReport(
          added.get(), updated.get(), unchanged.get(), reused.get(), removed, sorted, ignored,
          elapsed);
    }
  }

  /** An item whose vector a file of the same content can take. */
  private record Donor(String id, SourceFile file) {}

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
