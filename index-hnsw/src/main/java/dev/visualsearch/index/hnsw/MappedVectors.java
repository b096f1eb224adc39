package dev.visualsearch.index.hnsw;

import dev.visualsearch.vector.VectorKernels;
import java.nio.FloatBuffer;

/**
 * The vectors of an index read from a mapped file ({@link HnswIndex#openMapped}): the operating
 * system pages them in as searches touch them, so the heap holds none of them. A vector is copied
 * into the caller's scratch array before it is scored, because the kernels work on {@code
 * float[]}; the copy is a few hundred bytes, small beside the page faults it stands in for.
 *
 * <p>Immutable; thread-safe (absolute reads do not move a buffer's position).
 */
final class MappedVectors implements VectorValues {

  private final FloatBuffer[] chunks;
  private final int dimension;
  private final int size;
  private final boolean l2;
  private final int shift;
  private final int mask;

  /**
   * @param chunks the vectors in chunks of {@code recordsPerChunk} vectors (a power of two)
   */
  MappedVectors(FloatBuffer[] chunks, int recordsPerChunk, int dimension, int size, boolean l2) {
    this.chunks = chunks;
    this.dimension = dimension;
    this.size = size;
    this.l2 = l2;
    this.shift = Integer.numberOfTrailingZeros(recordsPerChunk);
    this.mask = recordsPerChunk - 1;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public float score(float[] query, int node, float[] scratch) {
    copyTo(node, scratch, 0);
    float score =
        l2
            ? -VectorKernels.squaredDistance(query, 0, scratch, 0, dimension)
            : VectorKernels.dot(query, 0, scratch, 0, dimension);
    return score == score ? score : Float.NEGATIVE_INFINITY;
  }

  @Override
  public void copyTo(int node, float[] target, int offset) {
    chunks[node >>> shift].get((node & mask) * dimension, target, offset, dimension);
  }

  @Override
  public long bytes() {
    return (long) size * dimension * Float.BYTES;
  }
}
