package dev.visualsearch.index.cassandra;

import dev.visualsearch.Metric;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Creates {@link CassandraIndex}es configured by a function of the builder, and reopens saved
 * ones from their descriptor; see {@link CassandraIndex#factory(UnaryOperator)}.
 *
 * <p>Immutable and thread-safe, provided {@code configure} is (a lambda that only calls setters
 * is).
 */
final class CassandraIndexFactory implements VectorIndexFactory {

  private final UnaryOperator<CassandraIndexBuilder> configure;

  CassandraIndexFactory(UnaryOperator<CassandraIndexBuilder> configure) {
    this.configure = Objects.requireNonNull(configure, "configure");
    // Apply the configuration once now, so that a bad value fails where it was written.
    builder(1, Metric.L2).settings();
  }

  @Override
  public String name() {
    return "cassandra";
  }

  /** Connects and creates the schema; see {@link CassandraIndexBuilder#build()}. */
  @Override
  public VectorIndex create(int dimension, Metric metric) {
    return builder(dimension, metric).build();
  }

  /** Reads the descriptor, applies the configuration on top of it, and connects. */
  @Override
  public VectorIndex open(Path file) throws IOException {
    return configured(Descriptor.read(file)).build();
  }

  private CassandraIndexBuilder builder(int dimension, Metric metric) {
    return configured(CassandraIndex.builder(dimension, metric));
  }

  private CassandraIndexBuilder configured(CassandraIndexBuilder builder) {
    CassandraIndexBuilder configured = configure.apply(builder);
    if (configured == null) {
      throw new NullPointerException("the factory's configure function returned null");
    }
    return configured;
  }

  @Override
  public String toString() {
    return "CassandraIndex.factory(" + configure + ")";
  }
}
