package dev.visualsearch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A collection of vectors under caller-chosen string ids, answering "which stored vectors score
 * highest for this query?" under one {@link Metric}.
 *
 * <p>Implementations must allow concurrent searches, and searches concurrent with writes; writes
 * may be serialised. A search never sees a half-added vector. Each implementation documents its
 * own guarantees beyond this.
 *
 * <p>Vectors passed in are copied; vectors handed out are copies. Ids are compared with {@link
 * String#equals}.
 */
public interface VectorIndex extends Closeable {

  /** The length every vector of this index must have. */
  int dimension();

  /** The metric scores are computed with. */
  Metric metric();

  /** The number of vectors currently stored. */
  int size();

  /**
   * Stores {@code vector} under {@code id}, replacing the vector already stored under that id (the
   * replaced item then counts as newest for tie-breaking).
   *
   * @throws IllegalArgumentException if the vector's length is not {@link #dimension()}, it holds
   *     NaN or infinity, or (cosine) it is all zeros
   * @throws NullPointerException if an argument is null
   */
  void add(String id, float[] vector);

  /**
   * Removes the vector stored under {@code id}.
   *
   * @return whether there was one
   */
  boolean remove(String id);

  /** Whether a vector is stored under {@code id}. */
  boolean contains(String id);

  /** A copy of the vector stored under {@code id} (normalised, for cosine), if there is one. */
  Optional<float[]> vector(String id);

  /**
   * The {@code k} stored vectors that score highest for {@code query}, best first.
   *
   * @throws IllegalArgumentException if {@code k < 1}, or the query has the wrong length, holds
   *     NaN or infinity, or (cosine) is all zeros
   */
  default SearchResult search(float[] query, int k) {
    return search(query, k, null);
  }

  /**
   * The {@code k} stored vectors whose ids {@code filter} accepts that score highest for {@code
   * query}, best first. The filter is applied while searching, so a selective filter still yields
   * up to {@code k} hits. It may be called from the searching thread only, any number of times.
   *
   * @param filter accepts the ids that may be returned; {@code null} accepts all
   * @throws IllegalArgumentException if {@code k < 1}, or the query has the wrong length, holds
   *     NaN or infinity, or (cosine) is all zeros
   */
  SearchResult search(float[] query, int k, Predicate<String> filter);

  /**
   * Writes the index to {@code file}, atomically: {@code file} holds either its previous content
   * or the complete new index, never a mix, even if the process dies while saving. Concurrent
   * writes wait until the save is done.
   *
   * @throws IOException if the file cannot be written; the previous file is then left in place
   */
  void save(Path file) throws IOException;

  /** Releases what the index holds outside the heap (mapped files). The default does nothing. */
  @Override
  default void close() throws IOException {}
}
