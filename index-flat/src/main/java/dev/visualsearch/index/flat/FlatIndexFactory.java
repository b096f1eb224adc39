package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates and opens {@link FlatIndex}es; the one instance is {@link FlatIndex#factory()}.
 *
 * <p>Immutable and thread-safe.
 */
final class FlatIndexFactory implements VectorIndexFactory {

  static final FlatIndexFactory INSTANCE = new FlatIndexFactory();

  private FlatIndexFactory() {}

  @Override
  public String name() {
    return "flat";
  }

  @Override
  public VectorIndex create(int dimension, Metric metric) {
    return FlatIndex.create(dimension, metric);
  }

  @Override
  public VectorIndex open(Path file) throws IOException {
    return FlatIndex.open(file);
  }

  @Override
  public String toString() {
    return "FlatIndex.factory()";
  }
}
