package dev.visualsearch.index.flat;

import dev.visualsearch.vector.VectorKernels;
import java.util.Arrays;

/**
 * Rows quantised to signed bytes ({@link VectorEncoding#INT8}): row {@code r} is {@code
 * scales[r] × codes[r × dimension + i]}, with the scale chosen per row so that the row's largest
 * magnitude maps to ±127. A per-row scale needs no training pass over the data, so rows can be
 * added at any time, and any magnitude fits. The scan decodes a block at a time into floats, with SIMD where the kernels have
 * it: Java 17 does not vectorise the plain loop, which then cost more than the float32 scan.
 *
 * <p>Not thread-safe: see {@link RowStorage}.
 */
final class Int8Rows implements RowStorage {

  private static final float LEVELS = 127f;

  private final int dimension;
  private byte[] codes;
  private float[] scales;

  Int8Rows(int dimension, int capacityRows) {
    this.dimension = dimension;
    this.codes = new byte[capacityRows * dimension];
    this.scales = new float[capacityRows];
  }

  @Override
  public void load(int first, int count, RowBlock block) {
    for (int r = 0; r < count; r++) {
      VectorKernels.decodeInt8(
          codes, (first + r) * dimension, scales[first + r], block.scratch, r * dimension,
          dimension);
    }
    block.useScratch();
  }

  @Override
  public void set(int row, float[] vector) {
    float max = 0;
    for (float value : vector) {
      max = Math.max(max, Math.abs(value));
    }
    float scale = max / LEVELS;
    int at = row * dimension;
    for (int i = 0; i < dimension; i++) {
      // |vector[i] / scale| ≤ 127 up to rounding; the clamp keeps rounding from wrapping a byte.
      int code = scale == 0 ? 0 : Math.round(vector[i] / scale);
      codes[at + i] = (byte) Math.max(-127, Math.min(127, code));
    }
    scales[row] = scale;
  }

  @Override
  public void move(int from, int to) {
    System.arraycopy(codes, from * dimension, codes, to * dimension, dimension);
    scales[to] = scales[from];
  }

  @Override
  public void resize(int rows) {
    codes = Arrays.copyOf(codes, rows * dimension);
    scales = Arrays.copyOf(scales, rows);
  }

  @Override
  public long heapBytes() {
    return codes.length + (long) scales.length * Float.BYTES;
  }
}
