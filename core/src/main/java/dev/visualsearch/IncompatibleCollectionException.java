package dev.visualsearch;

import java.io.IOException;

/**
 * A saved collection cannot be opened with the given embedder or index: its vectors were made by
 * another model or preprocessing, have another length, or were stored by another kind of index.
 * Comparing them with this embedder's vectors would give silent garbage, so opening is refused.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class IncompatibleCollectionException extends IOException {

  /** Creates an exception with a message that names the collection and the mismatch. */
  public IncompatibleCollectionException(String message) {
    super(message);
  }
}
