package dev.visualsearch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates empty indexes of one kind and opens saved ones. {@link VisualSearch} takes a factory
 * rather than an index so that it can both create a collection and open a saved one.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface VectorIndexFactory {

  /**
   * A short name of the index kind, stored with a saved collection (for example {@code "flat"}).
   * A collection saved by one kind is opened only by a factory of the same name.
   */
  String name();

  /**
   * Creates an empty index.
   *
   * @throws IllegalArgumentException if {@code dimension < 1}
   */
  VectorIndex create(int dimension, Metric metric);

  /**
   * Opens an index saved with {@link VectorIndex#save(Path)} by an index of this kind.
   *
   * @throws IOException if the file cannot be read, is not such an index, is of a format version
   *     this code does not read, or is corrupt; the message names the file and the reason
   */
  VectorIndex open(Path file) throws IOException;
}
