package dev.visualsearch.index.flat;

import dev.visualsearch.vector.VectorKernels;
import java.util.Arrays;

/**
 * Rows in half precision ({@link VectorEncoding#FLOAT16}), two bytes per dimension in one {@code
 * short[]}; the scan decodes a block at a time into floats, with SIMD where the kernels have it
 * (a scalar decode cost 5–10× what the float32 scan of the same rows costs).
 *
 * <p>Not thread-safe: see {@link RowStorage}.
 */
final class Float16Rows implements RowStorage {

  private final int dimension;
  private short[] codes;

  Float16Rows(int dimension, int capacityRows) {
    this.dimension = dimension;
    this.codes = new short[capacityRows * dimension];
  }

  @Override
  public void load(int first, int count, RowBlock block) {
    VectorKernels.decodeFloat16(codes, first * dimension, block.scratch, 0, count * dimension);
    block.useScratch();
  }

  /** @throws IllegalArgumentException if a value is outside float16's range */
  @Override
  public void set(int row, float[] vector) {
    int at = row * dimension;
    for (int i = 0; i < dimension; i++) {
      codes[at + i] = Float16.encode(vector[i]);
    }
  }

  @Override
  public void move(int from, int to) {
    System.arraycopy(codes, from * dimension, codes, to * dimension, dimension);
  }

  @Override
  public void resize(int rows) {
    codes = Arrays.copyOf(codes, rows * dimension);
  }

  @Override
  public long heapBytes() {
    return (long) codes.length * Short.BYTES;
  }
}
