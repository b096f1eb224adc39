package dev.visualsearch.index.hnsw;

/**
 * The stored vectors of an {@link HnswIndex}, node {@code i} being the {@code i}-th vector, and
 * the score of a query against each. Scores follow the index's metric: the dot product for inner
 * product and cosine (cosine vectors are stored unit length), the negated squared distance for L2.
 *
 * <p>Implementations keep the vectors on the heap ({@link HeapVectors}) or in a mapped file
 * ({@link MappedVectors}). Reads are thread-safe while nothing writes.
 */
interface VectorValues {

  int dimension();

  /** The number of vectors. */
  int size();

  /**
   * The score of {@code query} (a prepared query of length {@link #dimension()}) against node
   * {@code node}. A score that is not a number (an inner product of huge values overflowing to
   * {@code ∞ − ∞}) comes back as negative infinity, so it ranks last instead of breaking an
   * order.
   *
   * @param scratch an array of at least {@link #dimension()} floats the call may overwrite
   */
  float score(float[] query, int node, float[] scratch);

  /** Copies the vector of {@code node} into {@code target} from {@code offset}. */
  void copyTo(int node, float[] target, int offset);

  /** The bytes this holds on the heap or maps from a file for the vectors themselves. */
  long bytes();
}
