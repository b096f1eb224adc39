package dev.visualsearch.index.flat;

/**
 * A run of consecutive rows made readable as floats for the kernels: {@code array} from {@code
 * offset}, row after row. Storage that already holds float32 rows in a heap array points {@code
 * array} at it (no copy); mapped or encoded storage copies or decodes into {@link #scratch}.
 *
 * <p>Not thread-safe: one per search.
 */
final class RowBlock {

  final float[] scratch;
  float[] array;
  int offset;

  /** @param capacityFloats the most floats one load may need: rows per block × dimension */
  RowBlock(int capacityFloats) {
    scratch = new float[capacityFloats];
  }

  /** Points the block at rows already in {@code array} from {@code offset}. */
  void view(float[] array, int offset) {
    this.array = array;
    this.offset = offset;
  }

  /** Points the block at its scratch array, which the caller has just filled. */
  void useScratch() {
    this.array = scratch;
    this.offset = 0;
  }
}
