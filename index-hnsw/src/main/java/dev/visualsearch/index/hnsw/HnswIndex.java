package dev.visualsearch.index.hnsw;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Approximate nearest-neighbour search on a hierarchical navigable small-world graph (Malkov and
 * Yashunin, 2016): each vector is a node linked to similar ones on layer 0 and, with decreasing
 * probability, on sparser layers above, and a search walks the graph from the top instead of
 * scoring every vector. It answers in well under a millisecond where {@code FlatIndex} would
 * scan hundreds of thousands of vectors, at the price of recall: a search can miss some of the
 * true top k. {@code efSearch} sets the price — per index ({@link HnswIndexBuilder#efSearch}) and
 * per search ({@link #search(float[], int, Predicate, int)}).
 *
 * <ul>
 *   <li><b>Reproducible</b>: each node's layer is drawn from the seed and the insertion number,
 *       so the same writes with one build thread give the same graph bit for bit.
 *   <li><b>Concurrent build</b>: {@link #addAll} inserts with {@link
 *       HnswIndexBuilder#buildThreads} threads.
 *   <li><b>Deletes</b>: a removed item becomes a tombstone that searches walk through but never
 *       return; once tombstones exceed a quarter of the nodes, the graph is repaired around them
 *       and compacted. Re-adding an id replaces its vector and makes it the newest item.
 *   <li><b>Filters</b>: filtered searches collect only accepted items and fall back to an exact
 *       scan when the filter accepts few; see {@link #search(float[], int, Predicate, int)}.
 *   <li><b>Persistence</b>: {@link #save} writes the {@code HnswIndex} format, version 1 (see
 *       {@code HnswFormat}); {@link #open} reads it onto the heap, {@link #openMapped} maps its
 *       vectors and layer 0 from the file instead.
 * </ul>
 *
 * <p>Ties between equal scores go to the item added first. Cosine indexes store vectors
 * normalised to unit length (and {@link #vector} returns them so).
 *
 * <p>Thread-safe: any number of searches (and reads and saves) run concurrently; writes are
 * serialised and wait for running searches, so a search sees each write entirely or not at all.
 * {@link #addAll} holds back searches until the whole batch is in.
 */
public final class HnswIndex implements VectorIndex {

  /** Tombstones may make up at most this fraction of the nodes before the graph is compacted. */
  static final double COMPACT_FRACTION = 0.25;

  /**
   * Batches smaller than this are inserted by the calling thread alone and are not followed by a
   * {@link GraphConnectivity} pass, whose walk over the whole graph would cost more than they do.
   */
  private static final int MIN_BULK_BATCH = 64;

  private final HnswParams params;
  private final LevelGenerator levels;
  private final ScratchPool scratches;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  // Guarded by lock. vectors and graph are heap ones unless mapping is set.
  private VectorValues vectors;
  private GraphView graph;
  private final NodeIds ids;
  private long insertions;
  private MappedFile mapping;
  private boolean closed;

  HnswIndex(HnswParams params) {
    this(
        params,
        new HeapVectors(params.dimension(), params.metric() == Metric.L2, 16),
        new HeapGraph(params.maxConn0(), params.maxConnUpper(), 16),
        new NodeIds(16),
        0,
        null);
  }

  HnswIndex(
      HnswParams params,
      VectorValues vectors,
      GraphView graph,
      NodeIds ids,
      long insertions,
      MappedFile mapping) {
    this.params = params;
    this.levels = new LevelGenerator(params.seed(), params.m());
    this.scratches =
        new ScratchPool(params.dimension(), Math.max(params.maxConn0(), params.maxConnUpper()));
    this.vectors = vectors;
    this.graph = graph;
    this.ids = ids;
    this.insertions = insertions;
    this.mapping = mapping;
  }

  /**
   * Starts configuring an index for vectors of length {@code dimension}, scored with {@code
   * metric}.
   *
   * @throws IllegalArgumentException if {@code dimension} is outside [1, 65536]
   * @throws NullPointerException if {@code metric} is null
   */
  public static HnswIndexBuilder builder(int dimension, Metric metric) {
    return new HnswIndexBuilder(dimension, metric);
  }

  /**
   * Opens an index saved with {@link #save}, reading it onto the heap. The whole file is checked
   * first: checksum, then every count, id, vector and link.
   *
   * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
   * @throws CorruptFileException if {@code file} is damaged, truncated, or holds values no HNSW
   *     index writes (the message names the file and the value)
   * @throws FormatTooOldException if it was written in a format version no longer read
   * @throws FormatTooNewException if it was written by a newer release
   * @throws IOException if it is another kind of visualsearch file, or cannot be read
   * @throws NullPointerException if {@code file} is null
   */
  public static HnswIndex open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return HnswFormatReader.read(file, false);
  }

  /**
   * Opens an index saved with {@link #save}, mapping its vectors and layer-0 links from the file
   * instead of copying them onto the heap: for graphs larger than the heap should hold. Ids and
   * the upper layers (about one node in {@code M}) are read onto the heap. The file is checked as
   * by {@link #open}. Searches read the mapped file; the first write (an add, or the compaction
   * after removes) copies the index onto the heap, and from then on the file is no longer used.
   * {@link #close} unmaps the file.
   *
   * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
   * @throws CorruptFileException if {@code file} is damaged, truncated, or holds values no HNSW
   *     index writes
   * @throws FormatTooOldException if it was written in a format version no longer read
   * @throws FormatTooNewException if it was written by a newer release
   * @throws IOException if it is another kind of visualsearch file, or cannot be read or mapped
   * @throws NullPointerException if {@code file} is null
   */
  public static HnswIndex openMapped(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return HnswFormatReader.read(file, true);
  }

  /**
   * The factory of HNSW indexes with the default settings, named {@code "hnsw"}: {@code M} 16,
   * {@code efConstruction} 100, {@code efSearch} 64, seed 42, and as many build threads as
   * processors. Its {@code open} is {@link #open}.
   */
  public static VectorIndexFactory factory() {
    return HnswIndexFactory.DEFAULT;
  }

  /**
   * A factory, named {@code "hnsw"}, whose new indexes are configured by {@code configure}, e.g.
   * {@code HnswIndex.factory(b -> b.m(32).efSearch(128))}. Saved indexes open with the settings
   * they were saved with.
   *
   * @throws IllegalArgumentException or {@link IllegalStateException} if {@code configure} sets an
   *     invalid value (it is tried once, at once)
   * @throws NullPointerException if {@code configure} is null
   */
  public static VectorIndexFactory factory(UnaryOperator<HnswIndexBuilder> configure) {
    return new HnswIndexFactory(configure);
  }

  @Override
  public int dimension() {
    return params.dimension();
  }

  @Override
  public Metric metric() {
    return params.metric();
  }

  /** The number of neighbours per node on the upper layers (twice as many on layer 0). */
  public int m() {
    return params.m();
  }

  /** The beam width of the searches that insert nodes. */
  public int efConstruction() {
    return params.efConstruction();
  }

  /** The beam width of searches that do not name their own. */
  public int efSearch() {
    return params.efSearch();
  }

  /** The seed the layers of the nodes are drawn from. */
  public long seed() {
    return params.seed();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the index is closed
   */
  @Override
  public int size() {
    lock.readLock().lock();
    try {
      ensureOpen();
      return ids.live();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The vector is inserted at once, on the calling thread. For many vectors {@link #addAll} is
   * faster: it inserts with several threads.
   *
   * @throws IllegalArgumentException if the vector's length is not {@link #dimension()}, it holds
   *     NaN or infinity, or (cosine) it is all zeros
   * @throws NullPointerException if {@code id} or {@code vector} is null
   * @throws IllegalStateException if the index is closed, or already holds as many vectors as fit
   *     in one Java array ({@code (2³¹ − 9) / dimension})
   */
  @Override
  public void add(String id, float[] vector) {
    Objects.requireNonNull(id, "id");
    float[] prepared = VectorChecks.prepare(vector, params.dimension(), params.metric(), "vector");
    addAll(List.of(id), List.of(prepared), 1);
  }

  /**
   * Adds every entry of {@code items} as {@link #add} would, in the map's iteration order (use a
   * {@code LinkedHashMap} for a reproducible graph), inserting with the index's build threads.
   * Every vector is checked before any is added: if one is invalid, none is. Searches wait until
   * the whole batch is in.
   *
   * @throws IllegalArgumentException if a vector's length is not {@link #dimension()}, it holds
   *     NaN or infinity, or (cosine) it is all zeros; the message names its id
   * @throws NullPointerException if {@code items}, a key or a value is null
   * @throws IllegalStateException if the index is closed or the vectors do not fit in one Java
   *     array
   */
  public void addAll(Map<String, float[]> items) {
    Objects.requireNonNull(items, "items");
    List<String> batchIds = new ArrayList<>(items.size());
    List<float[]> batchVectors = new ArrayList<>(items.size());
    for (Map.Entry<String, float[]> item : items.entrySet()) {
      String id = Objects.requireNonNull(item.getKey(), "id");
      batchIds.add(id);
      batchVectors.add(
          VectorChecks.prepare(
              item.getValue(), params.dimension(), params.metric(), "vector of '" + id + "'"));
    }
    addAll(batchIds, batchVectors, params.buildThreads());
  }

  private void addAll(List<String> batchIds, List<float[]> batchVectors, int threads) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      ensureHeap();
      HeapVectors heapVectors = (HeapVectors) vectors;
      HeapGraph heapGraph = (HeapGraph) graph;
      // Make room first: a batch that cannot fit fails before anything changes.
      int first = heapGraph.size();
      heapVectors.ensureCapacity(first + batchIds.size());
      heapGraph.ensureCapacity(first + batchIds.size());
      for (int i = 0; i < batchIds.size(); i++) {
        String id = batchIds.get(i);
        ids.delete(id); // a replaced item stays as a tombstone until the next compaction
        heapVectors.append(batchVectors.get(i));
        heapGraph.addNode(levels.level(insertions++));
        ids.append(id);
      }
      int end = heapGraph.size();
      boolean bulk = end - first >= MIN_BULK_BATCH;
      if (threads > 1 && bulk) {
        NodeInserter inserter = inserter(new NodeLocks());
        ParallelInsertion.insert(inserter, first, end, threads, scratches);
      } else {
        NodeInserter inserter = inserter(null);
        SearchScratch scratch = scratches.acquire();
        try {
          for (int node = first; node < end; node++) {
            inserter.insert(node, scratch);
          }
        } finally {
          scratches.release(scratch);
        }
      }
      if (!compactIfNeeded() && bulk) {
        connect();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The item becomes a tombstone at once; the graph is repaired around tombstones once they
   * exceed a quarter of the nodes.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalStateException if the index is closed
   */
  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    lock.writeLock().lock();
    try {
      ensureOpen();
      if (ids.delete(id) < 0) {
        return false;
      }
      compactIfNeeded();
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalStateException if the index is closed
   */
  @Override
  public boolean contains(String id) {
    Objects.requireNonNull(id, "id");
    lock.readLock().lock();
    try {
      ensureOpen();
      return ids.nodeOf(id) >= 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalStateException if the index is closed
   */
  @Override
  public Optional<float[]> vector(String id) {
    Objects.requireNonNull(id, "id");
    lock.readLock().lock();
    try {
      ensureOpen();
      int node = ids.nodeOf(id);
      if (node < 0) {
        return Optional.empty();
      }
      float[] copy = new float[params.dimension()];
      vectors.copyTo(node, copy, 0);
      return Optional.of(copy);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Searches with the index's {@link #efSearch()}; see {@link #search(float[], int, Predicate,
   * int)}.
   *
   * @throws IllegalArgumentException if {@code k < 1}, or the query has the wrong length, holds
   *     NaN or infinity, or (cosine) is all zeros
   * @throws NullPointerException if {@code query} is null
   * @throws IllegalStateException if the index is closed
   */
  @Override
  public SearchResult search(float[] query, int k, Predicate<String> filter) {
    return search(query, k, filter, params.efSearch());
  }

  /**
   * The {@code k} stored vectors whose ids {@code filter} accepts that score highest for {@code
   * query}, best first, found by a beam search that keeps the {@code max(efSearch, k)} best
   * candidates: the larger, the higher the recall and the slower the search.
   *
   * <p>The filter is applied while the graph is walked — rejected items are walked through but
   * not collected — so a selective filter still yields up to {@code k} hits. When the filter
   * accepts few items (estimated on a fixed sample of the index), or {@code efSearch} is at least
   * the number of items, the search scans every accepted vector instead and is exact. The filter
   * runs on the searching thread, under this index's read lock: it may read this index but must
   * not write to it (that would wait forever for the lock).
   *
   * @param filter accepts the ids that may be returned; {@code null} accepts all
   * @throws IllegalArgumentException if {@code k < 1} or {@code efSearch < 1}, or the query has
   *     the wrong length, holds NaN or infinity, or (cosine) is all zeros
   * @throws NullPointerException if {@code query} is null
   * @throws IllegalStateException if the index is closed
   */
  public SearchResult search(float[] query, int k, Predicate<String> filter, int efSearch) {
    VectorChecks.checkK(k);
    if (efSearch < 1) {
      throw new IllegalArgumentException("efSearch must be at least 1: " + efSearch);
    }
    float[] prepared = VectorChecks.prepare(query, params.dimension(), params.metric(), "query");
    lock.readLock().lock();
    try {
      ensureOpen();
      SearchScratch scratch = scratches.acquire();
      try {
        return GraphSearch.search(graph, vectors, ids, prepared, k, efSearch, filter, scratch);
      } finally {
        scratches.release(scratch);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The file holds the graph as it is, tombstones included, so that it opens to the same
   * graph. Searches continue while it is written; writes wait, so the file is a consistent
   * snapshot. A mapped index may be saved over the file it maps.
   *
   * @throws IOException if the file cannot be written; the previous file is then left in place
   * @throws NullPointerException if {@code file} is null
   * @throws IllegalStateException if the index is closed
   */
  @Override
  public void save(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    lock.readLock().lock();
    try {
      ensureOpen();
      HnswFormat.write(file, params, vectors, graph, ids, insertions);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Closes the index: a mapped index unmaps its file. Afterwards every method but {@link
   * #dimension()}, {@link #metric()}, the settings and {@code close} throws {@link
   * IllegalStateException}. Waits for running searches; closing twice does nothing.
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      if (mapping != null) {
        mapping.close();
        mapping = null;
      }
      vectors = null;
      graph = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The bytes the stored vectors take: on the heap (with the growth headroom of the array), or in
   * the mapped file.
   *
   * @throws IllegalStateException if the index is closed
   */
  public long vectorBytes() {
    lock.readLock().lock();
    try {
      ensureOpen();
      return vectors.bytes();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The bytes the graph's links take (heap arrays, or for a mapped index layer 0 in the file and
   * the upper layers on the heap). With {@link #vectorBytes()} and {@link #size()} it gives the
   * memory per vector; the ids and their map come on top.
   *
   * @throws IllegalStateException if the index is closed
   */
  public long graphBytes() {
    lock.readLock().lock();
    try {
      ensureOpen();
      return graph.bytes();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    lock.readLock().lock();
    try {
      return "HnswIndex[dimension=" + dimension() + ", metric=" + metric() + ", m=" + m()
          + ", efConstruction=" + efConstruction() + ", efSearch=" + efSearch()
          + (closed ? ", closed" : ", size=" + ids.live() + (mapping != null ? ", mapped" : ""))
          + "]";
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The graph, for tests that inspect its structure; the caller must not write meanwhile. */
  GraphView graphForTesting() {
    return graph;
  }

  /** Nodes including tombstones; for tests that watch compaction. */
  int nodesForTesting() {
    lock.readLock().lock();
    try {
      return ids.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  private NodeInserter inserter(NodeLocks locks) {
    return new NodeInserter(
        (HeapGraph) graph, (HeapVectors) vectors, locks, params.efConstruction(), params.maxConn0());
  }

  /** Compacts the graph if tombstones exceed their share, and says whether it did. */
  private boolean compactIfNeeded() {
    if (ids.deleted() <= COMPACT_FRACTION * ids.size()) {
      return false;
    }
    ensureHeap();
    SearchScratch scratch = scratches.acquire();
    try {
      GraphCompaction.compact((HeapGraph) graph, (HeapVectors) vectors, ids, inserter(null), scratch);
    } finally {
      scratches.release(scratch);
    }
    connect();
    return true;
  }

  /** Links nodes that no search could reach back into the graph. */
  private void connect() {
    SearchScratch scratch = scratches.acquire();
    try {
      GraphConnectivity.connect(
          (HeapGraph) graph, (HeapVectors) vectors, params.efConstruction(), scratch);
    } finally {
      scratches.release(scratch);
    }
  }

  /** Copies a mapped index onto the heap before its first write, and unmaps the file. */
  private void ensureHeap() {
    if (mapping == null) {
      return;
    }
    vectors = HeapVectors.copyOf(vectors, params.metric() == Metric.L2);
    graph = HeapGraph.copyOf(graph);
    mapping.close();
    mapping = null;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
  }
}
