package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.store.FormatTooNewException;
import dev.visualsearch.store.FormatTooOldException;
import dev.visualsearch.vector.VectorChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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
 * (and {@link #vector} returns them so). The scan runs on SIMD kernels when the JVM has {@code
 * --add-modules jdk.incubator.vector} (see {@link dev.visualsearch.vector.VectorKernels}). {@link
 * #searchAll} answers a batch of queries in one pass over the vectors, far cheaper than the same
 * queries one by one. Filters — a predicate on ids, or an allow-list ({@link #searchAmong}) — are
 * applied before a row is scored. An index built with {@link #builder} may scan a float16 or int8
 * copy of the vectors and re-score the best candidates exactly ({@link VectorEncoding}).
 *
 * <p>Removing an item leaves a gap that later writes compact away; re-adding an id replaces its
 * vector and makes it the newest item for tie-breaking. {@link #save} writes the {@code
 * FlatIndex} format, version 2, which {@link #open} reads into the heap and {@link #openMapped}
 * maps, for collections larger than the heap; both also read version 1.
 *
 * <p>Thread-safe: any number of searches (and reads and saves) run concurrently, while writes are
 * serialised and wait for running searches, so a search sees each write entirely or not at all.
 * An index opened with {@link #openMapped} is read-only, and {@link #close} waits for running
 * searches before it unmaps the file.
 */
public final class FlatIndex implements VectorIndex {

  private final Metric metric;
  private final VectorStore store;
  private final int rescoreFactor;
  private final MappedFloatRows mapped; // null unless opened with openMapped
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock; only a mapped index closes

  FlatIndex(Metric metric, VectorStore store, int rescoreFactor, MappedFloatRows mapped) {
    this.metric = metric;
    this.store = store;
    this.rescoreFactor = rescoreFactor;
    this.mapped = mapped;
  }

  /**
   * Creates an empty index for vectors of length {@code dimension}, scored with {@code metric}.
   *
   * @throws IllegalArgumentException if {@code dimension} is below 1 or above 65536
   * @throws NullPointerException if {@code metric} is null
   */
  public static FlatIndex create(int dimension, Metric metric) {
    return builder(dimension, metric).build();
  }

  /**
   * Starts configuring an index for vectors of length {@code dimension}, scored with {@code
   * metric}: its vector encoding, rescore factor and expected size.
   *
   * @throws IllegalArgumentException if {@code dimension} is below 1 or above 65536
   * @throws NullPointerException if {@code metric} is null
   */
  public static FlatIndexBuilder builder(int dimension, Metric metric) {
    return new FlatIndexBuilder(dimension, metric);
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
   * Opens an index saved with {@link #save} without reading its vectors into the heap: they are
   * memory-mapped, and the operating system pages them in as searches read them. Only the ids
   * (and, for an encoded index, the float16 or int8 copy the scan reads) are held in the heap.
   * Opening still reads the whole file once to verify its checksum and values, so a damaged file
   * is reported here rather than found by a search.
   *
   * <p>The index is read-only: {@link #add} and {@link #remove} throw {@link
   * UnsupportedOperationException}. {@link #close} unmaps the file; the index is unusable after
   * it.
   *
   * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
   * @throws CorruptFileException if {@code file} is damaged, truncated, or holds values no flat
   *     index writes (the message names the file and the value)
   * @throws FormatTooOldException if it was written in a format version no longer read
   * @throws FormatTooNewException if it was written by a newer release
   * @throws IOException if it is another kind of visualsearch file, or cannot be read or mapped
   * @throws NullPointerException if {@code file} is null
   */
  public static FlatIndex openMapped(Path file) throws IOException {
    return openMapped(file, MappedFloatRows.DEFAULT_CHUNK_BYTES);
  }

  /** As {@link #openMapped(Path)}, mapping at most {@code chunkBytes} per buffer; for tests. */
  static FlatIndex openMapped(Path file, long chunkBytes) throws IOException {
    Objects.requireNonNull(file, "file");
    return FlatIndexFormat.map(file, chunkBytes);
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

  /** How the scanned vectors are held; see {@link FlatIndexBuilder#encoding}. */
  public VectorEncoding encoding() {
    return store.encoding();
  }

  /** Candidates per hit re-scored after an encoded scan; see {@link FlatIndexBuilder#rescoreFactor}. */
  public int rescoreFactor() {
    return rescoreFactor;
  }

  /** Whether writes are refused: true for an index opened with {@link #openMapped}. */
  public boolean isReadOnly() {
    return mapped != null;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      checkOpen();
      return store.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the vector's length is not {@link #dimension()}, it holds
   *     NaN or infinity, or (cosine) it is all zeros, or it holds (float16 encoding) a value
   *     beyond ±65504
   * @throws NullPointerException if {@code id} or {@code vector} is null
   * @throws IllegalStateException if the index already holds as many vectors as fit in one Java
   *     array ({@code (2³¹ − 9) / dimension}), or it was closed
   * @throws UnsupportedOperationException if the index was opened with {@link #openMapped}
   */
  @Override
  public void add(String id, float[] vector) {
    Objects.requireNonNull(id, "id");
    checkWritable();
    // Validate and copy before taking the lock: writers wait on each other only for the append.
    float[] prepared = VectorChecks.prepare(vector, store.dimension(), metric, "vector");
    store.encoding().checkEncodable(prepared, "vector");
    lock.writeLock().lock();
    try {
      checkOpen();
      store.put(id, prepared);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code id} is null
   * @throws UnsupportedOperationException if the index was opened with {@link #openMapped}
   */
  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    checkWritable();
    lock.writeLock().lock();
    try {
      checkOpen();
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
      checkOpen();
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
      checkOpen();
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
   * @throws IllegalStateException if the index was closed
   */
  @Override
  public SearchResult search(float[] query, int k, Predicate<String> filter) {
    VectorChecks.checkK(k);
    float[][] prepared = {VectorChecks.prepare(query, store.dimension(), metric, "query")};
    lock.readLock().lock();
    try {
      checkOpen();
      return ExactScan.search(
          store, metric, prepared, k, rescoreFactor, RowSelection.live(store, filter))[0];
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The {@code k} items among {@code allowedIds} that score highest for {@code query}, best
   * first: an allow-list filter. Only the listed rows are scored, so a short list over a large
   * index costs little. Ids the index does not hold are ignored, and so are repeats.
   *
   * @throws IllegalArgumentException if {@code k < 1}, or the query has the wrong length, holds
   *     NaN or infinity, or (cosine) is all zeros
   * @throws NullPointerException if {@code query}, {@code allowedIds} or an id in it is null
   * @throws IllegalStateException if the index was closed
   */
  public SearchResult searchAmong(float[] query, int k, Collection<String> allowedIds) {
    VectorChecks.checkK(k);
    float[][] prepared = {VectorChecks.prepare(query, store.dimension(), metric, "query")};
    Objects.requireNonNull(allowedIds, "allowedIds");
    lock.readLock().lock();
    try {
      checkOpen();
      return ExactScan.search(
          store, metric, prepared, k, rescoreFactor, RowSelection.allowed(store, allowedIds))[0];
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Searches many queries at once: result {@code i} equals {@code search(queries[i], k, filter)}.
   * The vectors are read once per block for the whole batch and scored against every query while
   * they are in the CPU cache, so a batch of 16 or 64 queries costs far less than the same
   * searches one by one. The filter is asked once per row, not once per query.
   *
   * @param filter accepts the ids that may be returned; {@code null} accepts all
   * @return one result per query, in order; a list the caller may keep
   * @throws IllegalArgumentException if {@code k < 1}, or a query has the wrong length, holds NaN
   *     or infinity, or (cosine) is all zeros; the message names the query's index
   * @throws NullPointerException if {@code queries} or a query in it is null
   * @throws IllegalStateException if the index was closed
   */
  public List<SearchResult> searchAll(float[][] queries, int k, Predicate<String> filter) {
    Objects.requireNonNull(queries, "queries");
    VectorChecks.checkK(k);
    float[][] prepared = new float[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      prepared[q] = VectorChecks.prepare(queries[q], store.dimension(), metric, "query " + q);
    }
    if (prepared.length == 0) {
      return new ArrayList<>();
    }
    lock.readLock().lock();
    try {
      checkOpen();
      SearchResult[] results =
          ExactScan.search(
              store, metric, prepared, k, rescoreFactor, RowSelection.live(store, filter));
      return new ArrayList<>(Arrays.asList(results));
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
      checkOpen();
      FlatIndexFormat.write(file, metric, store, rescoreFactor);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * For an index opened with {@link #openMapped}: waits for running searches, then unmaps the
   * file; every later call but this one throws {@link IllegalStateException}. For other indexes it
   * does nothing. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (mapped == null) {
      return;
    }
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        mapped.unmap();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    lock.readLock().lock();
    try {
      return "FlatIndex[dimension=" + dimension() + ", metric=" + metric + ", encoding="
          + store.encoding() + (mapped != null ? ", mapped" : "")
          + (closed ? ", closed" : ", size=" + store.size()) + "]";
    } finally {
      lock.readLock().unlock();
    }
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

  /** Heap bytes of the vectors (float32 and encoded); for the memory assertions of tests. */
  long vectorHeapBytesForTesting() {
    lock.readLock().lock();
    try {
      return store.vectorHeapBytes();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The float32 rows of an index in the heap, as the one array the scan reads (row {@code r} at
   * {@code r × dimension}, tombstones included, the tail unused); for the benchmarks' bandwidth
   * probe, which must stream the very memory the scan streams. Read-only; valid until the next
   * write.
   */
  float[] heapRowsForBenchmark() {
    RowBlock block = new RowBlock(0);
    store.floats().load(0, 0, block);
    return block.array;
  }

  private void checkWritable() {
    if (mapped != null) {
      throw new UnsupportedOperationException(
          "this flat index was opened with openMapped and is read-only; open it with"
              + " FlatIndex.open to change it");
    }
  }

  /** Must be called under the lock. */
  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this flat index was closed");
    }
  }
}
