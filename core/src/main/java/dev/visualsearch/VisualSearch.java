package dev.visualsearch;

import dev.visualsearch.image.DecodedImage;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.image.ImageLoader;
import dev.visualsearch.organize.Clustering;
import dev.visualsearch.organize.DuplicateGroup;
import dev.visualsearch.organize.DuplicateOptions;
import dev.visualsearch.organize.ImageCluster;
import dev.visualsearch.organize.KMeans;
import dev.visualsearch.organize.NearDuplicates;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * A searchable collection of images: add images (files, streams, decoded images or ready
 * vectors) under ids, ask which look most like a query image, save the collection to a directory
 * and open it again.
 *
 * <pre>{@code
 * try (Embedder embedder = OnnxImageEmbedder.builder(Path.of("mobilenetv2-12-int8.onnx")).build();
 *     VisualSearch search = VisualSearch.builder()
 *         .embedder(embedder)
 *         .index(FlatIndex.factory())
 *         .build()) {
 *   FolderReport report = search.addFolder(Path.of("photos"));
 *   SearchResult result = search.search(Path.of("query.jpg"), 10);
 *   search.save(Path.of("photos-index"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: searches, adds and removes may run concurrently from any number of threads;
 * {@link #save} waits for running adds and removes and holds new ones back until it is done.
 *
 * <p>Each item has a {@link CatalogEntry} beside its vector: its id, where the image came from
 * and the caller's metadata.
 */
public final class VisualSearch implements AutoCloseable {

  private final Embedder embedder;
  private final VectorIndex index;
  private final String indexKind;
  private final ImageLoader loader;
  private final int threads;
  private final int batchSize;
  private final Map<String, String> attributes;
  private final Catalog catalog;

  /**
   * Adds and removes take the read side (they may run together: the index and catalogue are
   * thread-safe); a save takes the write side so that it writes a consistent snapshot.
   */
  private final ReadWriteLock mutations = new ReentrantReadWriteLock();

  private VisualSearch(Builder builder, VectorIndex index, Catalog catalog, Map<String, String> attributes) {
    this.embedder = builder.embedder;
    this.index = index;
    this.indexKind = builder.indexFactory.name();
    this.loader = builder.loader;
    this.threads = builder.threads;
    this.batchSize = builder.batchSize;
    this.attributes = Map.copyOf(attributes);
    this.catalog = catalog;
  }

  /** Starts configuring a collection. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code directory} holds a saved collection (its manifest). */
  public static boolean exists(Path directory) {
    return CollectionManifest.exists(directory);
  }

  /**
   * Reads what the collection saved in {@code directory} holds, without loading it or a model.
   *
   * @throws java.nio.file.NoSuchFileException if {@code directory} holds no saved collection
   * @throws IOException if its manifest cannot be read or is damaged
   */
  public static CollectionInfo describe(Path directory) throws IOException {
    return CollectionStore.describe(directory);
  }

  // ---------------------------------------------------------------- adding

  /**
   * Decodes the image in {@code file}, embeds it and stores it under {@code id} (replacing what
   * was stored under that id). The file's path becomes the item's source.
   *
   * @throws dev.visualsearch.image.ImageDecodeException if the file is not a readable image
   * @throws IOException if the file cannot be read
   * @throws EmbeddingException if the model fails on the image
   */
  public void add(String id, Path file) throws IOException {
    add(id, file, Map.of());
  }

  /**
   * Like {@link #add(String, Path)}, with metadata stored in the item's catalogue entry.
   *
   * @throws dev.visualsearch.image.ImageDecodeException if the file is not a readable image
   * @throws IOException if the file cannot be read
   */
  public void add(String id, Path file, Map<String, String> metadata) throws IOException {
    checkId(id);
    Objects.requireNonNull(file, "file");
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    String sha256 = FileHashes.sha256(file);
    DecodedImage image = loader.load(file);
    SourceFile facts =
        new SourceFile(
            sha256,
            attributes.size(),
            attributes.lastModifiedTime().toInstant(),
            image.originalWidth(),
            image.originalHeight());
    float[] vector = embedder.embed(image.image());
    store(new CatalogEntry(id, file.toString(), facts, checkMetadata(metadata)), vector);
  }

  /**
   * Decodes the image in {@code in} (not closed), embeds it and stores it under {@code id}; {@code
   * name} names the stream in error messages and becomes the item's source.
   *
   * @throws dev.visualsearch.image.ImageDecodeException if the bytes are not a readable image
   * @throws IOException if the stream cannot be read
   */
  public void add(String id, InputStream in, String name) throws IOException {
    checkId(id);
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    float[] vector = embedder.embed(loader.load(in, name).image());
    store(new CatalogEntry(id, name, Map.of()), vector);
  }

  /** Embeds {@code image} and stores it under {@code id}, with the given metadata. */
  public void add(String id, BufferedImage image, Map<String, String> metadata) {
    checkId(id);
    Objects.requireNonNull(image, "image");
    float[] vector = embedder.embed(image);
    store(new CatalogEntry(id, null, checkMetadata(metadata)), vector);
  }

  /**
   * Stores a vector made elsewhere (by this collection's embedder, or one with the same
   * fingerprint) under {@code id}.
   *
   * @throws IllegalArgumentException if the vector's length is not the embedder's dimension, or
   *     it holds NaN or infinity
   */
  public void add(String id, float[] vector, Map<String, String> metadata) {
    checkId(id);
    Objects.requireNonNull(vector, "vector");
    store(new CatalogEntry(id, null, checkMetadata(metadata)), vector);
  }

  /**
   * Indexes every image under {@code folder}, recursively, with several worker threads. Each image
   * is stored under its path relative to the folder, with '/' separators (e.g. {@code
   * "birds/robin.jpg"}). Files whose names are not those of images, and hidden files and folders,
   * are left alone; an image file that cannot be decoded or embedded is skipped and listed in the
   * report with its reason, and the others are indexed. A file whose content is already in the
   * collection (the same file, renamed or copied) takes the stored vector instead of being
   * embedded again. Nothing is removed; see {@link #syncFolder} for that.
   *
   * @throws java.nio.file.NotDirectoryException if {@code folder} is not a directory
   * @throws IOException if the folder cannot be listed
   */
  public FolderReport addFolder(Path folder) throws IOException {
    return addFolder(folder, null);
  }

  /**
   * Like {@link #addFolder(Path)}, reporting progress to {@code listener} (may be null).
   *
   * @throws IOException if the folder cannot be listed
   */
  public FolderReport addFolder(Path folder, ProgressListener listener) throws IOException {
    return indexFolder(folder, FolderIndexer.Mode.ADD, listener);
  }

  /**
   * Makes the collection mirror {@code folder}: like {@link #addFolder}, but images stored from it
   * before with the same size and modification time are left alone (not even read), and the items
   * of files that are gone from the folder — or can no longer be read — are removed. A renamed
   * file is recognised by its content and keeps its vector under the new id. Items that did not
   * come from this folder are not touched.
   *
   * <p>A run interrupted (a crash, a kill) loses only what was not saved: save from the progress
   * listener every so often, and the next run picks up where the last save left off.
   *
   * @param listener hears progress, may be null; it may call {@link #save}
   * @throws java.nio.file.NotDirectoryException if {@code folder} is not a directory
   * @throws IOException if the folder cannot be listed
   */
  public FolderReport syncFolder(Path folder, ProgressListener listener) throws IOException {
    return indexFolder(folder, FolderIndexer.Mode.SYNC, listener);
  }

  private FolderReport indexFolder(Path folder, FolderIndexer.Mode mode, ProgressListener listener)
      throws IOException {
    Objects.requireNonNull(folder, "folder");
    Path absolute = folder.toAbsolutePath().normalize();
    FolderIndexer indexer =
        new FolderIndexer(loader, embedder, new IndexerAccess(), threads, batchSize);
    return indexer.index(absolute, mode, listener);
  }

  /** The indexer's view of this collection. */
  private final class IndexerAccess implements FolderIndexer.Collection {
    @Override
    public void store(CatalogEntry entry, float[] vector) {
      VisualSearch.this.store(entry, vector);
    }

    @Override
    public Optional<float[]> vector(String id) {
      return index.vector(id);
    }

    @Override
    public boolean remove(String id) {
      return VisualSearch.this.remove(id);
    }

    @Override
    public List<CatalogEntry> entries() {
      return catalog.entries();
    }
  }

  private void store(CatalogEntry entry, float[] vector) {
    mutations.readLock().lock();
    try {
      // Catalogue first: a search that finds the vector can then always find its entry.
      CatalogEntry previous = catalog.put(entry);
      try {
        index.add(entry.id(), vector);
      } catch (RuntimeException e) {
        catalog.restore(entry.id(), previous);
        throw e;
      }
    } finally {
      mutations.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------- searching

  /**
   * The {@code k} stored images that look most like the image in {@code file}.
   *
   * @throws dev.visualsearch.image.ImageDecodeException if the file is not a readable image
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public SearchResult search(Path file, int k) throws IOException {
    return search(file, k, null);
  }

  /**
   * The {@code k} stored images among those whose ids {@code filter} accepts (null: all) that look
   * most like the image in {@code file}.
   *
   * @throws dev.visualsearch.image.ImageDecodeException if the file is not a readable image
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public SearchResult search(Path file, int k, Predicate<String> filter) throws IOException {
    checkK(k);
    return index.search(embedder.embed(loader.load(file).image()), k, filter);
  }

  /**
   * The {@code k} stored images that look most like {@code image}.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public SearchResult search(BufferedImage image, int k) {
    return search(image, k, null);
  }

  /**
   * The {@code k} stored images among those {@code filter} accepts (null: all) that look most like
   * {@code image}.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public SearchResult search(BufferedImage image, int k, Predicate<String> filter) {
    checkK(k);
    Objects.requireNonNull(image, "image");
    return index.search(embedder.embed(image), k, filter);
  }

  /**
   * The {@code k} stored items whose vectors score highest for {@code vector}.
   *
   * @throws IllegalArgumentException if {@code k < 1} or the vector has the wrong length or holds
   *     NaN or infinity
   */
  public SearchResult search(float[] vector, int k) {
    return search(vector, k, null);
  }

  /**
   * The {@code k} stored items whose vectors score highest for {@code vector}, among those {@code
   * filter} accepts (null: all).
   *
   * @throws IllegalArgumentException if {@code k < 1} or the vector has the wrong length or holds
   *     NaN or infinity
   */
  public SearchResult search(float[] vector, int k, Predicate<String> filter) {
    Objects.requireNonNull(vector, "vector");
    return index.search(vector, k, filter);
  }

  // ---------------------------------------------------------------- recommending and organising

  /**
   * "More like this": the {@code k} items most similar to the stored item {@code id}, leaving out
   * the item itself and its near-duplicates (cosine ≥ {@link
   * SimilarOptions#DEFAULT_DUPLICATE_COSINE}).
   *
   * @throws IllegalArgumentException if {@code k < 1} or there is no item {@code id}
   */
  public SearchResult similar(String id, int k) {
    return similar(id, k, SimilarOptions.defaults());
  }

  /**
   * "More like this" with options: the near-duplicate threshold, diversification by maximal
   * marginal relevance, a filter. Scores are the items' scores for the item's vector under the
   * collection's metric; with diversification the order is the pick order, not the score order.
   *
   * @throws IllegalArgumentException if {@code k < 1} or there is no item {@code id}
   */
  public SearchResult similar(String id, int k, SimilarOptions options) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(options, "options");
    checkK(k);
    float[] vector =
        index.vector(id).orElseThrow(() -> new IllegalArgumentException("no item '" + id + "'"));
    return Recommender.recommend(index, id, vector, k, options);
  }

  // ---------------------------------------------------------------- organising

  /**
   * Groups the collection's copies: byte-identical files, and images whose embeddings are at
   * least {@link DuplicateOptions#copyCosine()} alike; each group names the copy to keep. Largest
   * group first. See {@link NearDuplicates}.
   */
  public List<DuplicateGroup> duplicates(DuplicateOptions options) {
    return NearDuplicates.find(catalog.entries(), index, options);
  }

  /**
   * Groups the collection's images into clusters of similar ones with {@code kMeans}, largest
   * first. The vectors are clustered under squared Euclidean distance, which for unit-length
   * embeddings ranks like cosine. Items added or removed while it runs may or may not be included.
   *
   * @return the non-empty clusters; an empty list for an empty collection
   */
  public List<ImageCluster> cluster(KMeans kMeans) {
    Objects.requireNonNull(kMeans, "kMeans");
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (String id : new TreeSet<>(catalog.ids())) {
      index.vector(id).ifPresent(vector -> {
        ids.add(id);
        vectors.add(vector);
      });
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    Clustering clustering = kMeans.fit(vectors.toArray(new float[0][]));
    List<ImageCluster> clusters = new ArrayList<>(clustering.size());
    for (int c = 0; c < clustering.size(); c++) {
      List<String> members = new ArrayList<>();
      for (int member : clustering.members(c)) {
        members.add(ids.get(member));
      }
      clusters.add(new ImageCluster(c, ids.get(clustering.representative(c)), members));
    }
    return clusters;
  }

  // ---------------------------------------------------------------- the collection

  /**
   * Removes the item stored under {@code id}.
   *
   * @return whether there was one
   */
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    mutations.readLock().lock();
    try {
      // Index first: a search must not find a vector whose entry is gone.
      boolean removed = index.remove(id);
      catalog.remove(id);
      return removed;
    } finally {
      mutations.readLock().unlock();
    }
  }

  /** Whether an item is stored under {@code id}. */
  public boolean contains(String id) {
    return index.contains(id);
  }

  /** The number of items. */
  public int size() {
    return index.size();
  }

  /** The ids of every stored item, sorted: a snapshot. */
  public List<String> ids() {
    return List.copyOf(new TreeSet<>(catalog.ids()));
  }

  /** The catalogue entry of the item stored under {@code id}, if there is one. */
  public Optional<CatalogEntry> entry(String id) {
    return catalog.get(id);
  }

  /** The stored vector of the item under {@code id}, if there is one. */
  public Optional<float[]> vector(String id) {
    return index.vector(id);
  }

  /** The metric the collection scores with. */
  public Metric metric() {
    return index.metric();
  }

  /** The embedder the collection embeds images with. */
  public Embedder embedder() {
    return embedder;
  }

  /** The collection attributes: set on the builder, saved and restored with the collection. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Saves the collection to {@code directory} (created if needed), replacing what an earlier save
   * left there. The new files are complete on disk before the manifest that names them replaces
   * the old one, so a crash at any point leaves the directory holding either the previous saved
   * collection or the new one.
   *
   * @throws IOException if the directory exists, is not empty and is not a collection, or cannot
   *     be written; a collection saved there before stays intact
   */
  public void save(Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory");
    mutations.writeLock().lock();
    try {
      CollectionStore.save(directory, index, indexKind, catalog, embedder, loader, attributes);
    } finally {
      mutations.writeLock().unlock();
    }
  }

  /** Closes the index. The embedder belongs to the caller and stays open. */
  @Override
  public void close() throws IOException {
    index.close();
  }

  private static void checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    if (id.getBytes(StandardCharsets.UTF_8).length > Catalog.MAX_STRING_BYTES) {
      throw new IllegalArgumentException(
          "id must have at most " + Catalog.MAX_STRING_BYTES + " UTF-8 bytes: "
              + id.substring(0, 40) + "...");
    }
  }

  private static Map<String, String> checkMetadata(Map<String, String> metadata) {
    Objects.requireNonNull(metadata, "metadata");
    metadata.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, "metadata key");
          Objects.requireNonNull(value, "metadata value of '" + key + "'");
        });
    return metadata;
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
  }

  /**
   * Configures a {@link VisualSearch}: an embedder and an index factory are required. Each setter
   * validates at once; setting a value twice is an error.
   *
   * <p>Not thread-safe; a builder builds on the thread that configures it.
   */
  public static final class Builder {

    private Embedder embedder;
    private VectorIndexFactory indexFactory;
    private Metric metric;
    private ImageLoader loader = ImageDecoder.defaults();
    private boolean loaderSet;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean threadsSet;
    private int batchSize = 4;
    private boolean batchSizeSet;
    private final Map<String, String> attributes = new TreeMap<>();

    private Builder() {}

    /** The embedder that turns images into vectors. Required. The caller closes it. */
    public Builder embedder(Embedder embedder) {
      Objects.requireNonNull(embedder, "embedder");
      if (this.embedder != null) {
        throw new IllegalStateException("embedder was already set to " + this.embedder);
      }
      this.embedder = embedder;
      return this;
    }

    /** The kind of index that stores the vectors, e.g. {@code FlatIndex.factory()}. Required. */
    public Builder index(VectorIndexFactory factory) {
      Objects.requireNonNull(factory, "factory");
      if (this.indexFactory != null) {
        throw new IllegalStateException("index was already set to " + indexFactory.name());
      }
      this.indexFactory = factory;
      return this;
    }

    /**
     * The metric of a new collection. If unset, {@link Metric#COSINE}. When opening, the saved
     * collection's metric is used; setting a different one is an error then.
     */
    public Builder metric(Metric metric) {
      Objects.requireNonNull(metric, "metric");
      if (this.metric != null) {
        throw new IllegalStateException("metric was already set to " + this.metric);
      }
      this.metric = metric;
      return this;
    }

    /**
     * How image files and streams are decoded: an {@link ImageDecoder} with another pixel limit,
     * say, or an embedder's loader that decodes large JPEGs at the reduced size its model needs.
     * Its {@link ImageLoader#description()} is saved with the collection ({@link
     * CollectionInfo#imageLoader()}): index and search with the same kind of loader. If unset,
     * {@link ImageDecoder#defaults()}, which decodes at full size.
     */
    public Builder imageLoader(ImageLoader loader) {
      Objects.requireNonNull(loader, "loader");
      if (loaderSet) {
        throw new IllegalStateException("image loader was already set to " + this.loader.description());
      }
      this.loader = loader;
      loaderSet = true;
      return this;
    }

    /**
     * How many worker threads {@link #addFolder} decodes and embeds with. If unset, the number of
     * available processors.
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      if (threadsSet) {
        throw new IllegalStateException("threads was already set to " + this.threads);
      }
      this.threads = threads;
      threadsSet = true;
      return this;
    }

    /**
     * How many images a worker of {@link #addFolder} decodes before embedding them together. Larger
     * batches run the model more efficiently and hold more decoded images in memory. If unset, 4.
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
      }
      if (batchSizeSet) {
        throw new IllegalStateException("batch size was already set to " + this.batchSize);
      }
      this.batchSize = batchSize;
      batchSizeSet = true;
      return this;
    }

    /**
     * A collection attribute: a name/value pair saved with the collection (for example the model
     * file it was built with). When opening, it overrides a saved attribute of the same name.
     */
    public Builder attribute(String name, String value) {
      Objects.requireNonNull(name, "attribute name");
      Objects.requireNonNull(value, "value of attribute '" + name + "'");
      if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != '=' && c != ':')) {
        throw new IllegalArgumentException(
            "attribute names are printable ASCII without blanks, '=' or ':': '" + name + "'");
      }
      if (attributes.putIfAbsent(name, value) != null) {
        throw new IllegalStateException(
            "attribute '" + name + "' was already set to '" + attributes.get(name) + "'");
      }
      return this;
    }

    /**
     * Creates an empty collection.
     *
     * @throws IllegalStateException if the embedder or the index factory is missing
     */
    public VisualSearch build() {
      checkRequired();
      Metric chosen = metric == null ? Metric.COSINE : metric;
      VectorIndex index = indexFactory.create(embedder.dimension(), chosen);
      return new VisualSearch(this, index, new Catalog(), attributes);
    }

    /**
     * Opens the collection saved in {@code directory}.
     *
     * @throws IncompatibleCollectionException if it was made with an embedder of another
     *     fingerprint, another index kind, or (when set) another metric
     * @throws java.nio.file.NoSuchFileException if {@code directory} holds no saved collection
     * @throws IOException if its files cannot be read, or are corrupt
     * @throws IllegalStateException if the embedder or the index factory is missing
     */
    public VisualSearch open(Path directory) throws IOException {
      checkRequired();
      CollectionStore.Loaded loaded =
          CollectionStore.open(directory, embedder, indexFactory, metric);
      Map<String, String> merged = new TreeMap<>(loaded.attributes());
      merged.putAll(attributes);
      return new VisualSearch(this, loaded.index(), loaded.catalog(), merged);
    }

    private void checkRequired() {
      if (embedder == null) {
        throw new IllegalStateException("an embedder is required: call embedder(...)");
      }
      if (indexFactory == null) {
        throw new IllegalStateException("an index is required: call index(...), e.g. FlatIndex.factory()");
      }
    }
  }
}
