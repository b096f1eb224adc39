package dev.visualsearch;

import dev.visualsearch.image.ImageLoader;
import dev.visualsearch.store.CorruptFileException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Saves a collection to a directory and opens it again, following the protocol of {@link
 * CollectionManifest}: data files of a new generation first, the manifest last, old generations
 * deleted after.
 */
final class CollectionStore {

  private static final Pattern GENERATION_FILE = Pattern.compile("(index|catalog)-(\\d+)\\.vs[ic]");

  /** What {@link dev.visualsearch.store.AtomicFile} leaves behind when the process dies mid-write. */
  private static final Pattern PARTIAL_FILE = Pattern.compile("\\..+\\.partial");

  /** Held while saving, so two processes never save into one directory at the same time. */
  static final String LOCK_FILE = "write.lock";

  /** What {@link #open} loads. */
  record Loaded(VectorIndex index, Catalog catalog, Map<String, String> attributes) {}

  private CollectionStore() {}

  static CollectionInfo describe(Path directory) throws IOException {
    CollectionManifest manifest = CollectionManifest.read(directory);
    return new CollectionInfo(
        directory,
        manifest.size(),
        manifest.dimension(),
        manifest.metric(),
        manifest.indexKind(),
        manifest.fingerprint(),
        manifest.imageLoader(),
        manifest.generation(),
        manifest.saved(),
        manifest.attributes());
  }

  static void save(
      Path directory,
      VectorIndex index,
      String indexKind,
      Catalog catalog,
      Embedder embedder,
      ImageLoader loader,
      Map<String, String> attributes)
      throws IOException {
    prepareDirectory(directory);
    try (FileChannel lockChannel =
            FileChannel.open(
                directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockChannel, directory)) {
      long generation =
          CollectionManifest.exists(directory)
              ? CollectionManifest.read(directory).generation() + 1
              : 1;
      String indexFile = CollectionManifest.indexFileName(generation);
      String catalogFile = CollectionManifest.catalogFileName(generation);
      index.save(directory.resolve(indexFile));
      catalog.save(directory.resolve(catalogFile));
      new CollectionManifest(
              generation,
              Instant.now(),
              embedder.fingerprint(),
              loader.description(),
              index.dimension(),
              index.metric(),
              indexKind,
              indexFile,
              catalogFile,
              index.size(),
              attributes)
          .write(directory);
      deleteLeftovers(directory, Set.of(indexFile, catalogFile));
    }
  }

  private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IOException(
          "cannot save to " + directory + ": another save into it is running (" + LOCK_FILE
              + " is locked)");
    }
    return lock;
  }

  static Loaded open(
      Path directory, Embedder embedder, VectorIndexFactory factory, Metric requestedMetric)
      throws IOException {
    CollectionManifest manifest = CollectionManifest.read(directory);
    checkCompatible(directory, manifest, embedder, factory, requestedMetric);
    VectorIndex index = factory.open(directory.resolve(manifest.indexFile()));
    try {
      Catalog catalog = Catalog.read(directory.resolve(manifest.catalogFile()));
      Path manifestFile = directory.resolve(CollectionManifest.FILE_NAME);
      if (index.dimension() != manifest.dimension() || index.metric() != manifest.metric()) {
        throw new CorruptFileException(
            manifestFile,
            "the index file holds " + index.dimension() + "-d " + index.metric()
                + " vectors, the manifest says " + manifest.dimension() + "-d "
                + manifest.metric());
      }
      if (index.size() != manifest.size() || catalog.size() != manifest.size()) {
        throw new CorruptFileException(
            manifestFile,
            "the manifest counts " + manifest.size() + " items, the index file holds "
                + index.size() + " and the catalogue " + catalog.size());
      }
      for (String id : catalog.ids()) {
        if (!index.contains(id)) {
          throw new CorruptFileException(
              directory.resolve(manifest.catalogFile()),
              "catalogue id '" + id + "' has no vector in the index");
        }
      }
      return new Loaded(index, catalog, manifest.attributes());
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  private static void checkCompatible(
      Path directory,
      CollectionManifest manifest,
      Embedder embedder,
      VectorIndexFactory factory,
      Metric requestedMetric)
      throws IncompatibleCollectionException {
    if (!manifest.fingerprint().equals(embedder.fingerprint())) {
      throw new IncompatibleCollectionException(
          "the collection in " + directory + " was built with another embedder.\n"
              + "  saved:    " + manifest.fingerprint() + "\n"
              + "  this one: " + embedder.fingerprint() + "\n"
              + "Vectors of different models or preprocessing cannot be compared: open it with"
              + " the model it was built with, or index the images again.");
    }
    if (manifest.dimension() != embedder.dimension()) {
      throw new IncompatibleCollectionException(
          "the collection in " + directory + " holds " + manifest.dimension()
              + "-d vectors, the embedder makes " + embedder.dimension() + "-d vectors");
    }
    if (!manifest.indexKind().equals(factory.name())) {
      throw new IncompatibleCollectionException(
          "the collection in " + directory + " was saved by a '" + manifest.indexKind()
              + "' index; it cannot be opened with a '" + factory.name() + "' index");
    }
    if (requestedMetric != null && requestedMetric != manifest.metric()) {
      throw new IncompatibleCollectionException(
          "the collection in " + directory + " scores with " + manifest.metric()
              + ", not " + requestedMetric);
    }
  }

  /**
   * Creates the directory, or checks that an existing one holds a collection or only what a save
   * writes: a directory with other files is refused, so a mistyped path does not mix index files
   * into someone's photos (a first save that crashed leaves only collection files, which pass).
   */
  private static void prepareDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
      return;
    }
    if (CollectionManifest.exists(directory)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (!isCollectionFile(entry.getFileName().toString())) {
          throw new FileAlreadyExistsException(
              directory.toString(),
              null,
              "not empty and not a visualsearch collection (it holds " + entry.getFileName() + ")");
        }
      }
    }
  }

  private static boolean isCollectionFile(String name) {
    return name.equals(LOCK_FILE)
        || GENERATION_FILE.matcher(name).matches()
        || PARTIAL_FILE.matcher(name).matches();
  }

  /**
   * Deletes data files of other generations (earlier saves, or a save that crashed before its
   * manifest) and temporary files of crashed writes. Safe because the save lock is held.
   */
  private static void deleteLeftovers(Path directory, Set<String> keep) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        boolean oldGeneration = GENERATION_FILE.matcher(name).matches() && !keep.contains(name);
        if (oldGeneration || PARTIAL_FILE.matcher(name).matches()) {
          Files.deleteIfExists(entry);
        }
      }
    }
  }
}
