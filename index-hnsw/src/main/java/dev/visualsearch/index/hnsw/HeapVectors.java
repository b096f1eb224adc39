package dev.visualsearch.index.hnsw;

import dev.visualsearch.vector.VectorKernels;
import java.util.Arrays;

/**
 * The vectors of an index in one contiguous, growable {@code float[]}: node {@code i} at {@code i
 * × dimension}. One array rather than one per vector saves an object header and a pointer chase
 * per scored node, and lets the kernels read two stored vectors without copying either.
 *
 * <p>Not thread-safe for writes: the index appends under its write lock, and grows the array
 * before a concurrent build starts so that builders only read it.
 */
final class HeapVectors implements VectorValues {

  /** A few words below {@code Integer.MAX_VALUE}: the largest array length every JVM allocates. */
  static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private final int dimension;
  private final boolean l2;
  private final int maxNodes;
  private float[] data;
  private int size;

  /**
   * @param l2 whether scores are negated squared distances (else dot products)
   * @param capacity the number of vectors to make room for at once
   */
  HeapVectors(int dimension, boolean l2, int capacity) {
    this.dimension = dimension;
    this.l2 = l2;
    this.maxNodes = MAX_ARRAY_LENGTH / dimension;
    data = new float[Math.min(Math.max(capacity, 1), maxNodes) * dimension];
  }

  /** A heap copy of {@code source}: how a mapped index becomes writable. */
  static HeapVectors copyOf(VectorValues source, boolean l2) {
    HeapVectors copy = new HeapVectors(source.dimension(), l2, source.size());
    for (int node = 0; node < source.size(); node++) {
      source.copyTo(node, copy.data, node * copy.dimension);
    }
    copy.size = source.size();
    return copy;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    return size;
  }

  /** The most vectors of this dimension that fit in one array. */
  int maxNodes() {
    return maxNodes;
  }

  /** The backing array, row {@code i} at {@code i × dimension}; valid until the next growth. */
  float[] data() {
    return data;
  }

  /**
   * Makes room for {@code nodes} vectors in all, growing by half at least so that appends cost
   * amortised constant time.
   *
   * @throws IllegalStateException if that many vectors do not fit in one Java array
   */
  void ensureCapacity(int nodes) {
    if (nodes > maxNodes) {
      throw new IllegalStateException(
          "an HNSW index of dimension " + dimension + " holds at most " + maxNodes
              + " vectors; " + nodes + " were asked for");
    }
    int capacity = data.length / dimension;
    if (nodes > capacity) {
      int grown = (int) Math.min(maxNodes, Math.max(nodes, capacity + (capacity >> 1) + 16L));
      data = Arrays.copyOf(data, grown * dimension);
    }
  }

  /** Appends a prepared vector as the next node and returns the node. */
  int append(float[] vector) {
    ensureCapacity(size + 1);
    System.arraycopy(vector, 0, data, size * dimension, dimension);
    return size++;
  }

  /**
   * Sets the number of vectors after {@code count} rows were written straight into {@link
   * #data()} (by a reader of the on-disk format); the capacity must already hold them.
   */
  void setSize(int count) {
    size = count;
  }

  @Override
  public float score(float[] query, int node, float[] scratch) {
    return score(query, 0, node);
  }

  /** The score of the query at {@code query[queryOffset...]} against {@code node}. */
  float score(float[] query, int queryOffset, int node) {
    float score =
        l2
            ? -VectorKernels.squaredDistance(query, queryOffset, data, node * dimension, dimension)
            : VectorKernels.dot(query, queryOffset, data, node * dimension, dimension);
    return score == score ? score : Float.NEGATIVE_INFINITY;
  }

  /** The score between two stored vectors (symmetric). */
  float scoreBetween(int a, int b) {
    return score(data, a * dimension, b);
  }

  @Override
  public void copyTo(int node, float[] target, int offset) {
    System.arraycopy(data, node * dimension, target, offset, dimension);
  }

  /**
   * Keeps only the nodes {@code kept[0..count)} (ascending), moving each down to its new number
   * (its position in {@code kept}).
   */
  void retain(int[] kept, int count) {
    for (int i = 0; i < count; i++) {
      if (kept[i] != i) {
        System.arraycopy(data, kept[i] * dimension, data, i * dimension, dimension);
      }
    }
    size = count;
  }

  @Override
  public long bytes() {
    return (long) data.length * Float.BYTES;
  }
}
