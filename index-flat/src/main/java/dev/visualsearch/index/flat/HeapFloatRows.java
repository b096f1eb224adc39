package dev.visualsearch.index.flat;

import java.util.Arrays;

/**
 * Float32 rows in one contiguous, growable {@code float[]}, row {@code r} at {@code r ×
 * dimension}. One array rather than a {@code float[]} per item keeps the scan a sequential walk
 * through memory, without a pointer chase and an object header per vector; the scan reads it in
 * place, without a copy.
 *
 * <p>Not thread-safe: see {@link RowStorage}.
 */
final class HeapFloatRows implements RowStorage {

  private final int dimension;
  private float[] vectors;

  HeapFloatRows(int dimension, int capacityRows) {
    this.dimension = dimension;
    this.vectors = new float[capacityRows * dimension];
  }

  @Override
  public void load(int first, int count, RowBlock block) {
    block.view(vectors, first * dimension);
  }

  @Override
  public void set(int row, float[] vector) {
    System.arraycopy(vector, 0, vectors, row * dimension, dimension);
  }

  @Override
  public void move(int from, int to) {
    System.arraycopy(vectors, from * dimension, vectors, to * dimension, dimension);
  }

  @Override
  public void resize(int rows) {
    vectors = Arrays.copyOf(vectors, rows * dimension);
  }

  @Override
  public long heapBytes() {
    return (long) vectors.length * Float.BYTES;
  }
}
