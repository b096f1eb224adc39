package dev.visualsearch.index.hnsw;

import dev.visualsearch.Metric;
import dev.visualsearch.vector.VectorChecks;
import java.util.Objects;

/**
 * Configures a new {@link HnswIndex}; start with {@link HnswIndex#builder(int, Metric)}. Each
 * setter checks its value at once and says what the rule is; setting a value twice is an error
 * that shows the value set first.
 *
 * <pre>{@code
 * HnswIndex index = HnswIndex.builder(1280, Metric.COSINE)
 *     .m(16)
 *     .efConstruction(100)
 *     .efSearch(64)
 *     .seed(7)
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe; a builder builds on the thread that configures it.
 */
public final class HnswIndexBuilder {

  /** The default of {@link #m}. */
  public static final int DEFAULT_M = 16;
  /** The default of {@link #efConstruction}. */
  public static final int DEFAULT_EF_CONSTRUCTION = 100;
  /** The default of {@link #efSearch}. */
  public static final int DEFAULT_EF_SEARCH = 64;
  /** The default of {@link #seed}. */
  public static final long DEFAULT_SEED = 42;

  /** The largest {@link #m} accepted: far beyond any useful graph degree. */
  static final int MAX_M = 512;
  /** The largest {@link #efConstruction} or {@link #efSearch} accepted. */
  static final int MAX_EF = 1 << 20;

  private final int dimension;
  private final Metric metric;
  private Integer m;
  private Integer efConstruction;
  private Integer efSearch;
  private Long seed;
  private Integer buildThreads;

  HnswIndexBuilder(int dimension, Metric metric) {
    VectorChecks.checkDimension(dimension);
    this.dimension = dimension;
    this.metric = Objects.requireNonNull(metric, "metric");
  }

  /**
   * The number of neighbours a node keeps on each layer above 0; layer 0 keeps up to twice as
   * many. Larger values give higher recall at a given {@code efSearch} and cost memory and build
   * time. If unset, {@value #DEFAULT_M}.
   *
   * @throws IllegalArgumentException if {@code m} is outside [2, 512]
   * @throws IllegalStateException if it was set before
   */
  public HnswIndexBuilder m(int m) {
    if (m < 2 || m > MAX_M) {
      throw new IllegalArgumentException("m must be in [2, " + MAX_M + "]: " + m);
    }
    if (this.m != null) {
      throw new IllegalStateException("m was already set to " + this.m);
    }
    this.m = m;
    return this;
  }

  /**
   * How many candidates the search for a new node's neighbours keeps. Larger values build a better
   * graph, more slowly. If unset, {@value #DEFAULT_EF_CONSTRUCTION}.
   *
   * @throws IllegalArgumentException if {@code efConstruction} is outside [1, 2²⁰]
   * @throws IllegalStateException if it was set before
   */
  public HnswIndexBuilder efConstruction(int efConstruction) {
    checkEf("efConstruction", efConstruction);
    if (this.efConstruction != null) {
      throw new IllegalStateException("efConstruction was already set to " + this.efConstruction);
    }
    this.efConstruction = efConstruction;
    return this;
  }

  /**
   * How many candidates a search keeps, unless the search names its own: the knob between recall
   * and speed. A search for {@code k} results keeps at least {@code k}. If unset, {@value
   * #DEFAULT_EF_SEARCH}.
   *
   * @throws IllegalArgumentException if {@code efSearch} is outside [1, 2²⁰]
   * @throws IllegalStateException if it was set before
   */
  public HnswIndexBuilder efSearch(int efSearch) {
    checkEf("efSearch", efSearch);
    if (this.efSearch != null) {
      throw new IllegalStateException("efSearch was already set to " + this.efSearch);
    }
    this.efSearch = efSearch;
    return this;
  }

  /**
   * The seed the layer of each node is drawn from: the same seed and the same sequence of writes
   * give the same graph (with one build thread). If unset, {@value #DEFAULT_SEED}.
   *
   * @throws IllegalStateException if it was set before
   */
  public HnswIndexBuilder seed(long seed) {
    if (this.seed != null) {
      throw new IllegalStateException("seed was already set to " + this.seed);
    }
    this.seed = seed;
    return this;
  }

  /**
   * How many threads {@link HnswIndex#addAll} inserts with. One thread builds the same graph bit
   * for bit on every run; more threads build faster, and the graph then depends on their timing.
   * Single {@link HnswIndex#add}s always use the calling thread. If unset, the number of available
   * processors.
   *
   * @throws IllegalArgumentException if {@code threads} is outside [1, 1024]
   * @throws IllegalStateException if it was set before
   */
  public HnswIndexBuilder buildThreads(int threads) {
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("build threads must be in [1, 1024]: " + threads);
    }
    if (this.buildThreads != null) {
      throw new IllegalStateException("build threads was already set to " + this.buildThreads);
    }
    this.buildThreads = threads;
    return this;
  }

  /** Creates an empty index with these settings. */
  public HnswIndex build() {
    return new HnswIndex(params());
  }

  HnswParams params() {
    return new HnswParams(
        dimension,
        metric,
        m != null ? m : DEFAULT_M,
        efConstruction != null ? efConstruction : DEFAULT_EF_CONSTRUCTION,
        efSearch != null ? efSearch : DEFAULT_EF_SEARCH,
        seed != null ? seed : DEFAULT_SEED,
        buildThreads != null ? buildThreads : Runtime.getRuntime().availableProcessors());
  }

  private static void checkEf(String name, int value) {
    if (value < 1 || value > MAX_EF) {
      throw new IllegalArgumentException(name + " must be in [1, " + MAX_EF + "]: " + value);
    }
  }
}
