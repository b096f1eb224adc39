package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.vector.VectorChecks;
import java.util.Objects;

/**
 * Configures a new {@link FlatIndex}; start with {@link FlatIndex#builder}. Each option may be set
 * once; every setter checks its value at once and names the rule it breaks.
 *
 * <pre>{@code
 * FlatIndex index = FlatIndex.builder(1280, Metric.COSINE)
 *     .encoding(VectorEncoding.INT8) // scan 1 byte per dimension instead of 4
 *     .rescoreFactor(4)              // re-score the best 4 × k exactly
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe: configure on one thread, then share the index.
 */
public final class FlatIndexBuilder {

  /** Candidates per hit an encoded scan keeps for exact re-scoring, unless set. */
  public static final int DEFAULT_RESCORE_FACTOR = 4;

  /** The largest rescore factor accepted. */
  public static final int MAX_RESCORE_FACTOR = 1000;

  private final int dimension;
  private final Metric metric;
  private VectorEncoding encoding;
  private int rescoreFactor;
  private int expectedSize = -1;

  FlatIndexBuilder(int dimension, Metric metric) {
    VectorChecks.checkDimension(dimension);
    this.dimension = dimension;
    this.metric = Objects.requireNonNull(metric, "metric");
  }

  /**
   * How the scanned copy of the vectors is held. If unset, {@link VectorEncoding#FLOAT32}: the
   * scan reads the vectors themselves and scores are exact with no re-scoring step.
   *
   * <p>{@link VectorEncoding#FLOAT16} and {@link VectorEncoding#INT8} add an encoded copy of 2 or
   * 1 bytes per dimension that the scan reads (2× or 4× less memory traffic than float32), then
   * re-score the best candidates against the float32 vectors, which stay in the heap for an index
   * built in memory and in the page cache, not the heap, for one opened with {@link
   * FlatIndex#openMapped}. So the heap holds 2× or 4× less per vector only for a mapped index.
   *
   * @throws NullPointerException if {@code encoding} is null
   * @throws IllegalStateException if the encoding was already set
   */
  public FlatIndexBuilder encoding(VectorEncoding encoding) {
    Objects.requireNonNull(encoding, "encoding");
    if (this.encoding != null) {
      throw new IllegalStateException("encoding was already set to " + this.encoding);
    }
    this.encoding = encoding;
    return this;
  }

  /**
   * How many candidates per requested hit an encoded scan keeps for exact re-scoring: a search
   * for {@code k} hits re-scores the best {@code k × factor} rows by their encoded scores. Larger
   * factors recover more of float32's ranking and cost one float32 row read per candidate. If
   * unset, {@value #DEFAULT_RESCORE_FACTOR}. Ignored for float32.
   *
   * @throws IllegalArgumentException if {@code factor} is outside [1, {@value
   *     #MAX_RESCORE_FACTOR}]
   * @throws IllegalStateException if the factor was already set
   */
  public FlatIndexBuilder rescoreFactor(int factor) {
    if (factor < 1 || factor > MAX_RESCORE_FACTOR) {
      throw new IllegalArgumentException(
          "rescore factor must be in [1, " + MAX_RESCORE_FACTOR + "]: " + factor);
    }
    if (rescoreFactor != 0) {
      throw new IllegalStateException("rescore factor was already set to " + rescoreFactor);
    }
    this.rescoreFactor = factor;
    return this;
  }

  /**
   * How many vectors to make room for up front, to skip the copies of a growing array. If unset,
   * a few, growing by half whenever full.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   * @throws IllegalStateException if the expected size was already set
   */
  public FlatIndexBuilder expectedSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("expected size must not be negative: " + size);
    }
    if (expectedSize >= 0) {
      throw new IllegalStateException("expected size was already set to " + expectedSize);
    }
    this.expectedSize = size;
    return this;
  }

  /** Creates the empty index. The builder may be used again to build another one. */
  public FlatIndex build() {
    VectorEncoding chosen = encoding == null ? VectorEncoding.FLOAT32 : encoding;
    int factor = rescoreFactor == 0 ? DEFAULT_RESCORE_FACTOR : rescoreFactor;
    int capacity = expectedSize < 0 ? 16 : expectedSize;
    return new FlatIndex(metric, new VectorStore(dimension, chosen, capacity), factor, null);
  }
}
