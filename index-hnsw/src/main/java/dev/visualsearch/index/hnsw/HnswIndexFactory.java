package dev.visualsearch.index.hnsw;

import dev.visualsearch.Metric;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Creates {@link HnswIndex}es configured by a function of the builder, and opens saved ones; see
 * {@link HnswIndex#factory()} and {@link HnswIndex#factory(UnaryOperator)}.
 *
 * <p>Immutable and thread-safe, provided {@code configure} is (a lambda that only calls setters
 * is).
 */
final class HnswIndexFactory implements VectorIndexFactory {

  static final HnswIndexFactory DEFAULT = new HnswIndexFactory(UnaryOperator.identity());

  private final UnaryOperator<HnswIndexBuilder> configure;

  HnswIndexFactory(UnaryOperator<HnswIndexBuilder> configure) {
    this.configure = Objects.requireNonNull(configure, "configure");
    // Try the configuration once now, so that a bad value fails where it was written rather than
    // when the first collection is created.
    builder(1, Metric.L2).params();
  }

  @Override
  public String name() {
    return "hnsw";
  }

  /**
   * @throws IllegalArgumentException if {@code dimension} is outside [1, 65536]
   */
  @Override
  public VectorIndex create(int dimension, Metric metric) {
    return builder(dimension, metric).build();
  }

  @Override
  public VectorIndex open(Path file) throws IOException {
    return HnswIndex.open(file);
  }

  private HnswIndexBuilder builder(int dimension, Metric metric) {
    HnswIndexBuilder configured = configure.apply(HnswIndex.builder(dimension, metric));
    if (configured == null) {
      throw new NullPointerException("the factory's configure function returned null");
    }
    return configured;
  }

  @Override
  public String toString() {
    return this == DEFAULT ? "HnswIndex.factory()" : "HnswIndex.factory(" + configure + ")";
  }
}
