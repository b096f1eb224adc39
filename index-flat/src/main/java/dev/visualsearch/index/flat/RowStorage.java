package dev.visualsearch.index.flat;

/**
 * One representation of the rows of a {@link VectorStore}: float32 in a heap array, float32 in a
 * mapped file, or an encoded copy (float16, int8) that the scan reads instead of the float32 rows.
 * Row {@code r} of every storage of a store belongs to the same item.
 *
 * <p>The writing methods exist for heap storage; read-only storage throws {@link
 * UnsupportedOperationException} from them, which {@link FlatIndex} never lets happen.
 *
 * <p>Not thread-safe: {@link FlatIndex} guards reads and writes with its lock.
 */
interface RowStorage {

  /** Makes rows {@code [first, first + count)} readable as floats through {@code block}. */
  void load(int first, int count, RowBlock block);

  /** Stores {@code vector} (already checked and prepared) as row {@code row}. */
  void set(int row, float[] vector);

  /** Copies row {@code from} over row {@code to}, for compaction. */
  void move(int from, int to);

  /** Makes room for {@code rows} rows in total, keeping the first ones. */
  void resize(int rows);

  /** Bytes of heap this storage holds, for {@link FlatIndex#toString} and tests. */
  long heapBytes();
}
