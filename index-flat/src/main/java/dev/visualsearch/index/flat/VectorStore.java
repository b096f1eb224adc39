package dev.visualsearch.index.flat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows of a {@link FlatIndex}: the id of each row in a {@code String[]}, a map from id to row,
 * the float32 vectors in a {@link RowStorage} (a heap array, or a mapped file), and, for a {@link
 * VectorEncoding} other than float32, an encoded copy that the scan reads instead.
 *
 * <p>Rows are appended in insertion order, so a row number doubles as the tie-breaking order.
 * Removing an item leaves a <em>tombstone</em> (a row whose id is {@code null}) instead of
 * shifting every later row; once tombstones are more than {@link #COMPACT_FRACTION} of the rows,
 * {@link #compact} squeezes them out, keeping the remaining rows in order. A compaction costs time
 * proportional to the rows and runs only once more than a quarter of them are tombstones, so its
 * cost per removal is constant, amortised.
 *
 * <p>A store over mapped rows is read-only: {@link FlatIndex} refuses writes before they get here.
 *
 * <p>Not thread-safe: {@link FlatIndex} guards it with its lock.
 */
final class VectorStore {

  /** Tombstones may make up at most this fraction of the rows before {@link #compact} runs. */
  static final double COMPACT_FRACTION = 0.25;

  private final int dimension;
  private final VectorEncoding encoding;
  /** The most rows whose floats fit in one Java array. */
  private final int maxRows;

  private final Map<String, Integer> rowById;
  private final RowStorage floats;
  private final RowStorage codes; // null for FLOAT32: the scan reads the floats
  private String[] ids;
  private int rows;
  private int tombstones;

  /** An empty heap store with room for {@code expectedRows} rows before it grows. */
  VectorStore(int dimension, VectorEncoding encoding, int expectedRows) {
    this.dimension = dimension;
    this.encoding = encoding;
    // A few words below Integer.MAX_VALUE: the largest array length every JVM allocates.
    this.maxRows = (Integer.MAX_VALUE - 8) / dimension;
    int capacity = Math.min(Math.max(expectedRows, 1), maxRows);
    this.rowById = new HashMap<>();
    this.floats = new HeapFloatRows(dimension, capacity);
    this.codes = newCodes(encoding, dimension, capacity);
    this.ids = new String[capacity];
  }

  /**
   * A read-only store over rows already in {@code floats} (a mapped file), row {@code i} under
   * {@code ids[i]}; the encoded copy, if any, is built by one pass over the rows.
   */
  VectorStore(int dimension, VectorEncoding encoding, String[] ids, RowStorage floats) {
    this.dimension = dimension;
    this.encoding = encoding;
    this.maxRows = ids.length;
    this.rowById = new HashMap<>(ids.length * 2);
    this.floats = floats;
    this.codes = newCodes(encoding, dimension, ids.length);
    this.ids = ids;
    this.rows = ids.length;
    for (int row = 0; row < ids.length; row++) {
      rowById.put(ids[row], row);
    }
    if (codes != null) {
      RowBlock block = new RowBlock(dimension);
      float[] vector = new float[dimension];
      for (int row = 0; row < rows; row++) {
        floats.load(row, 1, block);
        System.arraycopy(block.array, block.offset, vector, 0, dimension);
        codes.set(row, vector);
      }
    }
  }

  private static RowStorage newCodes(VectorEncoding encoding, int dimension, int capacity) {
    switch (encoding) {
      case FLOAT32:
        return null;
      case FLOAT16:
        return new Float16Rows(dimension, capacity);
      case INT8:
        return new Int8Rows(dimension, capacity);
      default:
        throw new AssertionError(encoding);
    }
  }

  int dimension() {
    return dimension;
  }

  VectorEncoding encoding() {
    return encoding;
  }

  /** Rows in use, tombstones included: the scan covers {@code [0, rows())}. */
  int rows() {
    return rows;
  }

  /** The number of live items. */
  int size() {
    return rows - tombstones;
  }

  int tombstones() {
    return tombstones;
  }

  /** The id of {@code row}, or {@code null} for a tombstone. */
  String idAt(int row) {
    return ids[row];
  }

  /** The row of {@code id}, or -1 if there is none. */
  int rowOf(String id) {
    Integer row = rowById.get(id);
    return row == null ? -1 : row;
  }

  /** The float32 rows: what searches re-score against and what is saved. */
  RowStorage floats() {
    return floats;
  }

  /** The rows the scan reads: the encoded copy, or the float32 rows for {@code FLOAT32}. */
  RowStorage scanned() {
    return codes != null ? codes : floats;
  }

  /** Bytes of heap the vectors (float32 and encoded) take; ids and map not counted. */
  long vectorHeapBytes() {
    return floats.heapBytes() + (codes == null ? 0 : codes.heapBytes());
  }

  boolean contains(String id) {
    return rowById.containsKey(id);
  }

  /** A copy of the vector stored under {@code id}, or {@code null} if there is none. */
  float[] copyOf(String id) {
    Integer row = rowById.get(id);
    if (row == null) {
      return null;
    }
    RowBlock block = new RowBlock(dimension);
    floats.load(row, 1, block);
    return Arrays.copyOfRange(block.array, block.offset, block.offset + dimension);
  }

  /**
   * Appends {@code vector} (already validated and prepared) as the newest row under {@code id}; a
   * row already holding {@code id} becomes a tombstone, so the id moves to the end of the
   * tie-breaking order.
   *
   * @throws IllegalStateException if the rows no longer fit in one array
   */
  void put(String id, float[] vector) {
    if (rows == ids.length) {
      makeRoom();
    }
    floats.set(rows, vector);
    if (codes != null) {
      codes.set(rows, vector);
    }
    ids[rows] = id;
    Integer previous = rowById.put(id, rows);
    rows++;
    if (previous != null) {
      markRemoved(previous);
    }
  }

  /** Removes the item under {@code id}, if there is one, and says whether there was. */
  boolean remove(String id) {
    Integer row = rowById.remove(id);
    if (row == null) {
      return false;
    }
    markRemoved(row);
    return true;
  }

  /**
   * Moves every live row down over the tombstones before it, in order, and clears the rest. Row
   * numbers change; the relative order of the items does not.
   */
  void compact() {
    int target = 0;
    for (int row = 0; row < rows; row++) {
      String id = ids[row];
      if (id == null) {
        continue;
      }
      if (target != row) {
        floats.move(row, target);
        if (codes != null) {
          codes.move(row, target);
        }
        ids[target] = id;
        rowById.put(id, target);
      }
      target++;
    }
    Arrays.fill(ids, target, rows, null);
    rows = target;
    tombstones = 0;
  }

  private void markRemoved(int row) {
    ids[row] = null;
    tombstones++;
    if (tombstones > COMPACT_FRACTION * rows) {
      compact();
    }
  }

  private void makeRoom() {
    if (rows < maxRows) {
      grow();
    } else if (tombstones > 0) {
      compact(); // the array cannot grow any more, but removed rows can be reused
    } else {
      throw new IllegalStateException(
          "a flat index of dimension " + dimension + " holds at most " + maxRows + " vectors");
    }
  }

  private void grow() {
    // Grow by half: amortised constant cost per append without doubling a large heap footprint.
    int capacity = (int) Math.min(maxRows, ids.length + (ids.length >> 1) + 1L);
    floats.resize(capacity);
    if (codes != null) {
      codes.resize(capacity);
    }
    ids = Arrays.copyOf(ids, capacity);
  }
}
