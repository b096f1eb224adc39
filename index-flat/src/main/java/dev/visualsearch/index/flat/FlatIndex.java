package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.store.FormatTooNewException;
import dev.visualsearch.store.FormatTooOldException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Exact nearest-neighbour search: every search scores the query against every stored vector, so
 * the answer is the true top-k under the index's {@link Metric}, ties in insertion order. It is
 * the right index up to some hundred thousand vectors, and the reference approximate indexes are
 * measured against.
 *
 * <p>Vectors live in one contiguous array; cosine indexes store them normalised to unit length
 * (and {@link #vector} returns them so). Removing an item leaves a gap that later writes compact
 * away; re-adding an id replaces its vector and makes it the newest item for tie-breaking. {@link
 * #save} writes the {@code FlatIndex} format, version 1, which {@link #open} reads.
 *
 * <p>Thread-safe: any number of searches (and reads and saves) run concurrently, while writes are
 * serialised and wait for running searches, so a search sees each write entirely or not at all.
 */
public final class FlatIndex implements VectorIndex {

  private final Metric metric;
  private final VectorStore store;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  FlatIndex(Metric metric, VectorStore store) {
    this.metric = metric;
    this.store = store;
  }

  /**
   * Creates an empty index for vectors of length {@code dimension}, scored with {@code metric}.
   *
   * @throws IllegalArgumentException if {@code dimension} is below 1 or above 65536
   * @throws NullPointerException if {@code metric} is null
   */
  public static FlatIndex create(int dimension, Metric metric) {
    VectorChecks.checkDimension(dimension);
    Objects.requireNonNull(metric, "metric");
    return new FlatIndex(metric, new VectorStore(dimension));
  }

  /**
   * Opens an index saved with {@link #save}. The whole file is read into memory and checked:
   * checksum first, then every count and value.
   *
   * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
   * @throws CorruptFileException if {@code file} is damaged, truncated, or holds values no flat
   *     index writes (the message names the file and the value)
   * @throws FormatTooOldException if it was written in a format version no longer read
   * @throws FormatTooNewException if it was written by a newer release
   * @throws IOException if it is another kind of visualsearch file, or cannot be read
   * @throws NullPointerException if {@code file} is null
   */
  public static FlatIndex open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return FlatIndexFormat.read(file);
  }

  /**
   * The factory of flat indexes, named {@code "flat"}; its {@code create} and {@code open} are
   * {@link #create} and {@link #open}.
   */
  public static VectorIndexFactory factory() {
    return FlatIndexFactory.INSTANCE;
  }

  @Override
  public int dimension() {
    return store.dimension();
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return store.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the vector's length is not {@link #dimension()}, it holds
   *     NaN or infinity, or (cosine) it is all zeros
   * @throws NullPointerException if {@code id} or {@code vector} is null
   * @throws IllegalStateException if the index already holds as many vectors as fit in one Java
   *     array ({@code (2³¹ − 9) / dimension})
   */
  @Override
  public void add(String id, float[] vector) {
    Objects.requireNonNull(id, "id");
    // Validate and copy before taking the lock: writers wait on each other only for the append.
    float[] prepared = VectorChecks.prepare(vector, store.dimension(), metric, "vector");
    lock.writeLock().lock();
    try {
      store.put(id, prepared);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code id} is null
   */
  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    lock.writeLock().lock();
    try {
      return store.remove(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code id} is null
   */
  @Override
  public boolean contains(String id) {
    Objects.requireNonNull(id, "id");
    lock.readLock().lock();
    try {
      return store.contains(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code id} is null
   */
  @Override
  public Optional<float[]> vector(String id) {
    Objects.requireNonNull(id, "id");
    lock.readLock().lock();
    try {
      return Optional.ofNullable(store.copyOf(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The filter runs under this index's read lock: it may read this index but must not write
   * to it (that would wait forever for the lock).
   *
   * @throws IllegalArgumentException if {@code k < 1}, or the query has the wrong length, holds
   *     NaN or infinity, or (cosine) is all zeros
   * @throws NullPointerException if {@code query} is null
   */
  @Override
  public SearchResult search(float[] query, int k, Predicate<String> filter) {
    VectorChecks.checkK(k);
    float[] prepared = VectorChecks.prepare(query, store.dimension(), metric, "query");
    lock.readLock().lock();
    try {
      return ExactScan.search(store, metric, prepared, k, filter);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The file holds the live items only, in insertion order. Searches continue while it is
   * written; writes wait, so the file is a consistent snapshot.
   *
   * @throws IOException if the file cannot be written; the previous file is then left in place
   * @throws NullPointerException if {@code file} is null
   */
  @Override
  public void save(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    lock.readLock().lock();
    try {
      FlatIndexFormat.write(file, metric, store);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "FlatIndex[dimension=" + dimension() + ", metric=" + metric + ", size=" + size() + "]";
  }

  /** Rows including tombstones; for tests that watch compaction. */
  int rowsForTesting() {
    lock.readLock().lock();
    try {
      return store.rows();
    } finally {
      lock.readLock().unlock();
    }
  }
}
