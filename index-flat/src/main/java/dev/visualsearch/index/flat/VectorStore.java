package dev.visualsearch.index.flat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows of a {@link FlatIndex}: vectors in one contiguous, growable {@code float[]} (row {@code
 * r} at {@code r × dimension}), the id of each row in a {@code String[]}, and a map from id to
 * row.
 *
 * <p>One array rather than a {@code float[]} per item keeps the scan a sequential walk through
 * memory without a pointer chase and an object header per vector. Rows are appended in insertion
 * order, so a row number doubles as the tie-breaking order. Removing an item leaves a
 * <em>tombstone</em> (a row whose id is {@code null}) instead of shifting every later row; once
 * tombstones are more than {@link #COMPACT_FRACTION} of the rows, {@link #compact} squeezes them
 * out, keeping the remaining rows in order. A compaction costs time proportional to the rows and
 * runs only once more than a quarter of them are tombstones, so its cost per removal is constant,
 * amortised.
 *
 * <p>Not thread-safe: {@link FlatIndex} guards it with its lock.
 */
final class VectorStore {

  /** Tombstones may make up at most this fraction of the rows before {@link #compact} runs. */
  static final double COMPACT_FRACTION = 0.25;

  private static final int INITIAL_ROWS = 16;

  private final int dimension;
  /** The most rows whose floats fit in one Java array. */
  private final int maxRows;

  private final Map<String, Integer> rowById = new HashMap<>();
  private float[] vectors;
  private String[] ids;
  private int rows;
  private int tombstones;

  VectorStore(int dimension) {
    this(dimension, INITIAL_ROWS);
  }

  VectorStore(int dimension, int expectedRows) {
    this.dimension = dimension;
    // A few words below Integer.MAX_VALUE: the largest array length every JVM allocates.
    this.maxRows = (Integer.MAX_VALUE - 8) / dimension;
    int capacity = Math.min(Math.max(expectedRows, 1), maxRows);
    vectors = new float[capacity * dimension];
    ids = new String[capacity];
  }

  int dimension() {
    return dimension;
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

  /** The backing array of all rows; read-only for callers, valid until the next write. */
  float[] vectors() {
    return vectors;
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
    int from = row * dimension;
    return Arrays.copyOfRange(vectors, from, from + dimension);
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
    System.arraycopy(vector, 0, vectors, rows * dimension, dimension);
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
        System.arraycopy(vectors, row * dimension, vectors, target * dimension, dimension);
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
    vectors = Arrays.copyOf(vectors, capacity * dimension);
    ids = Arrays.copyOf(ids, capacity);
  }
}
