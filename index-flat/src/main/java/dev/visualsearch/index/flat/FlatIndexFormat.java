package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.FormatInput;
import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The on-disk format of a {@link FlatIndex}, codec {@value #CODEC}, version {@value #VERSION}.
 * All numbers are little-endian; a <em>string</em> is its UTF-8 byte count (int) followed by the
 * bytes.
 *
 * <ol>
 *   <li><b>header</b> ({@link FormatOutput#writeHeader}): magic int {@code 0x46585356}, codec
 *       string {@code "FlatIndex"}, version int {@code 1}.
 *   <li><b>dimension</b>: int in {@code [1, 65536]}, the length of every vector.
 *   <li><b>metric</b>: string, the name of a {@link Metric} constant ({@code "L2"}, {@code
 *       "INNER_PRODUCT"} or {@code "COSINE"}), at most {@value #MAX_METRIC_NAME_BYTES} bytes.
 *   <li><b>count</b>: int ≥ 0, the number of items.
 *   <li><b>ids</b>: {@code count} strings, distinct, in insertion order (oldest first); the order
 *       is the tie-breaking order of searches.
 *   <li><b>vectors</b>: {@code count × dimension} floats (IEEE 754), row-major, row {@code i}
 *       belonging to id {@code i}. All finite; for {@code COSINE} each row has unit length (within
 *       rounding), as the index stores it.
 *   <li><b>footer</b> ({@link FormatOutput#writeFooter}): magic int, checksum algorithm int
 *       ({@code 0} = CRC32), CRC32 of every byte before it as a long.
 * </ol>
 *
 * <p>The file holds live items only: removed items are not written, so a saved index has no
 * tombstones. The reader trusts nothing it has not checked: after the checksum, the dimension,
 * metric name and count are checked against their ranges and against the bytes that remain, ids
 * for duplicates and vectors for non-finite values, and any bytes left unread are reported.
 *
 * <p>Stateless and thread-safe; the caller holds the index's read lock while writing.
 */
final class FlatIndexFormat {

  static final String CODEC = "FlatIndex";
  static final int VERSION = 1;
  static final int MAX_METRIC_NAME_BYTES = 32;

  /**
   * How far from 1 the squared length of a stored cosine vector may be. Rounding to float moves it
   * by far less even at the largest dimension; a larger gap means the row was not written by an
   * index and its scores would not be cosines.
   */
  private static final double UNIT_TOLERANCE = 1e-2;

  private FlatIndexFormat() {}

  /** Writes the live items of {@code store} to {@code file}, atomically. */
  static void write(Path file, Metric metric, VectorStore store) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(CODEC, VERSION);
          int dimension = store.dimension();
          output.writeInt(dimension);
          output.writeString(metric.name());
          output.writeInt(store.size());
          int rows = store.rows();
          for (int row = 0; row < rows; row++) {
            String id = store.idAt(row);
            if (id != null) {
              output.writeString(id);
            }
          }
          float[] vectors = store.vectors();
          for (int row = 0; row < rows; row++) {
            if (store.idAt(row) != null) {
              output.writeFloats(vectors, row * dimension, dimension);
            }
          }
          output.writeFooter();
        });
  }

  /** Reads a whole index from {@code file}; see {@link FlatIndex#open} for the exceptions. */
  static FlatIndex read(Path file) throws IOException {
    try (FormatInput input = FormatInput.open(file, CODEC, VERSION, VERSION)) {
      int dimension = input.readInt();
      if (dimension < 1 || dimension > VectorChecks.MAX_DIMENSION) {
        throw input.corrupt(
            "dimension " + dimension + " is outside [1, " + VectorChecks.MAX_DIMENSION + "]");
      }
      Metric metric = readMetric(input);
      // Every item takes at least its id's length int and its floats: a count the remaining bytes
      // cannot hold is corruption, found before anything is allocated for it.
      long minItemBytes = Integer.BYTES + (long) Float.BYTES * dimension;
      long maxRows = (Integer.MAX_VALUE - 8) / dimension;
      int count =
          input.readCount("item count", (int) Math.min(maxRows, input.remaining() / minItemBytes));
      String[] ids = readIds(input, count, dimension);
      VectorStore store = new VectorStore(dimension, count);
      float[] row = new float[dimension];
      for (int i = 0; i < count; i++) {
        input.readFloats(row, 0, dimension);
        checkRow(input, row, metric, i, ids[i]);
        store.put(ids[i], row);
      }
      input.finish();
      return new FlatIndex(metric, store);
    }
  }

  private static Metric readMetric(FormatInput input) throws IOException {
    String name = input.readString(MAX_METRIC_NAME_BYTES);
    for (Metric metric : Metric.values()) {
      if (metric.name().equals(name)) {
        return metric;
      }
    }
    throw input.corrupt("unknown metric '" + name + "'");
  }

  private static String[] readIds(FormatInput input, int count, int dimension) throws IOException {
    long vectorBytes = (long) Float.BYTES * dimension * count;
    String[] ids = new String[count];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      // What is left must still hold the length ints of the ids after this one, and the vectors.
      long room = input.remaining() - vectorBytes - (long) Integer.BYTES * (count - i);
      String id = input.readString((int) Math.max(0, Math.min(Integer.MAX_VALUE, room)));
      if (!seen.add(id)) {
        throw input.corrupt("duplicate id '" + id + "' at item " + i);
      }
      ids[i] = id;
    }
    return ids;
  }

  private static void checkRow(FormatInput input, float[] row, Metric metric, int item, String id)
      throws IOException {
    double squaredNorm = 0;
    for (int i = 0; i < row.length; i++) {
      if (!Float.isFinite(row[i])) {
        throw input.corrupt(
            "vector of item " + item + " ('" + id + "') holds " + row[i] + " at position " + i);
      }
      squaredNorm += (double) row[i] * row[i];
    }
    if (metric == Metric.COSINE && Math.abs(squaredNorm - 1) > UNIT_TOLERANCE) {
      throw input.corrupt(
          "cosine vector of item "
              + item
              + " ('"
              + id
              + "') has squared length "
              + squaredNorm
              + ", not 1");
    }
  }
}
