package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.store.FormatInput;
import dev.visualsearch.store.FormatOutput;
import dev.visualsearch.vector.VectorChecks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The on-disk format of a {@link FlatIndex}, codec {@value #CODEC}. Version {@value #VERSION} is
 * written; versions {@value #OLDEST_VERSION} to {@value #VERSION} are read. All numbers are
 * little-endian; a <em>string</em> is its UTF-8 byte count (int) followed by the bytes.
 *
 * <p><b>Version 2</b>:
 *
 * <ol>
 *   <li><b>header</b> ({@link FormatOutput#writeHeader}): magic int {@code 0x46585356}, codec
 *       string {@code "FlatIndex"}, version int {@code 2}.
 *   <li><b>dimension</b>: int in {@code [1, 65536]}, the length of every vector.
 *   <li><b>metric</b>: string, the name of a {@link Metric} constant ({@code "L2"}, {@code
 *       "INNER_PRODUCT"} or {@code "COSINE"}), at most {@value #MAX_NAME_BYTES} bytes.
 *   <li><b>encoding</b>: string, the name of a {@link VectorEncoding} constant ({@code
 *       "FLOAT32"}, {@code "FLOAT16"} or {@code "INT8"}): how the index scans; the encoded rows
 *       are not stored but rebuilt from the float32 rows on opening (encoding is deterministic).
 *   <li><b>rescore factor</b>: int in {@code [1, }{@value FlatIndexBuilder#MAX_RESCORE_FACTOR}
 *       {@code ]}.
 *   <li><b>count</b>: int ≥ 0, the number of items.
 *   <li><b>ids</b>: {@code count} strings, distinct, in insertion order (oldest first); the order
 *       is the tie-breaking order of searches.
 *   <li><b>padding</b>: 0 to {@value #ALIGNMENT} − 1 zero bytes, so that the vectors start at a
 *       file offset that is a multiple of {@value #ALIGNMENT}: a cache line, and a divisor of the
 *       page size, so a mapped row never straddles more cache lines than it must.
 *   <li><b>vectors</b>: {@code count × dimension} floats (IEEE 754), row-major, row {@code i}
 *       belonging to id {@code i}. All finite; for {@code COSINE} each row has unit length (within
 *       rounding), as the index stores it. {@link FlatIndex#openMapped} maps this section.
 *   <li><b>footer</b> ({@link FormatOutput#writeFooter}): magic int, checksum algorithm int
 *       ({@code 0} = CRC32), CRC32 of every byte before it as a long.
 * </ol>
 *
 * <p><b>Version 1</b> is version 2 without encoding, rescore factor and padding (the vectors
 * follow the ids directly); it opens as a float32 index with the default rescore factor.
 *
 * <p>The file holds live items only: removed items are not written, so a saved index has no
 * tombstones. The reader trusts nothing it has not checked: after the checksum, the dimension,
 * names and counts are checked against their ranges and against the bytes that remain, ids for
 * duplicates, padding for zeros and vectors for non-finite values (mapped vectors too, in one
 * pass at opening), and any bytes left unread are reported.
 *
 * <p>Stateless and thread-safe; the caller holds the index's read lock while writing.
 */
final class FlatIndexFormat {

  static final String CODEC = "FlatIndex";
  static final int VERSION = 2;
  static final int OLDEST_VERSION = 1;
  static final int MAX_NAME_BYTES = 32;
  static final int ALIGNMENT = 64;

  /**
   * How far from 1 the squared length of a stored cosine vector may be. Rounding to float moves it
   * by far less even at the largest dimension; a larger gap means the row was not written by an
   * index and its scores would not be cosines.
   */
  private static final double UNIT_TOLERANCE = 1e-2;

  private FlatIndexFormat() {}

  /** Writes the live items of {@code store} to {@code file} in the current version, atomically. */
  static void write(Path file, Metric metric, VectorStore store, int rescoreFactor)
      throws IOException {
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(CODEC, VERSION);
          int dimension = store.dimension();
          output.writeInt(dimension);
          output.writeString(metric.name());
          output.writeString(store.encoding().name());
          output.writeInt(rescoreFactor);
          output.writeInt(store.size());
          int rows = store.rows();
          for (int row = 0; row < rows; row++) {
            String id = store.idAt(row);
            if (id != null) {
              output.writeString(id);
            }
          }
          while (output.position() % ALIGNMENT != 0) {
            output.writeByte(0);
          }
          RowBlock block = new RowBlock(dimension);
          for (int row = 0; row < rows; row++) {
            if (store.idAt(row) != null) {
              store.floats().load(row, 1, block);
              output.writeFloats(block.array, block.offset, dimension);
            }
          }
          output.writeFooter();
        });
  }

  /** Reads a whole index into the heap; see {@link FlatIndex#open} for the exceptions. */
  static FlatIndex read(Path file) throws IOException {
    try (FormatInput input = FormatInput.open(file, CODEC, OLDEST_VERSION, VERSION)) {
      Header header = readHeader(input);
      VectorStore store =
          new VectorStore(header.dimension, header.encoding, header.ids.length);
      float[] row = new float[header.dimension];
      for (int i = 0; i < header.ids.length; i++) {
        input.readFloats(row, 0, header.dimension);
        checkRow(file, row, header, i);
        store.put(header.ids[i], row);
      }
      input.finish();
      return new FlatIndex(header.metric, store, header.rescoreFactor, null);
    }
  }

  /**
   * Maps the vectors of a saved index instead of reading them; see {@link FlatIndex#openMapped}.
   *
   * @param chunkBytes the most bytes one mapped buffer covers
   */
  static FlatIndex map(Path file, long chunkBytes) throws IOException {
    Header header;
    long vectorsAt;
    try (FormatInput input = FormatInput.open(file, CODEC, OLDEST_VERSION, VERSION)) {
      header = readHeader(input);
      vectorsAt = input.position();
      input.skip((long) header.ids.length * header.dimension * Float.BYTES);
      input.finish();
    }
    MappedFloatRows rows;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      rows = MappedFloatRows.map(channel, vectorsAt, header.ids.length, header.dimension, chunkBytes);
    }
    // The checksum covered these bytes, but not what they mean: check them as read() does.
    RowBlock block = new RowBlock(header.dimension);
    float[] row = new float[header.dimension];
    try {
      for (int i = 0; i < header.ids.length; i++) {
        rows.load(i, 1, block);
        System.arraycopy(block.array, block.offset, row, 0, header.dimension);
        checkRow(file, row, header, i);
      }
    } catch (IOException | RuntimeException e) {
      rows.unmap();
      throw e;
    }
    VectorStore store = new VectorStore(header.dimension, header.encoding, header.ids, rows);
    return new FlatIndex(header.metric, store, header.rescoreFactor, rows);
  }

  /** Everything before the vectors, checked. */
  private static final class Header {
    final int dimension;
    final Metric metric;
    final VectorEncoding encoding;
    final int rescoreFactor;
    final String[] ids;

    Header(int dimension, Metric metric, VectorEncoding encoding, int rescoreFactor, String[] ids) {
      this.dimension = dimension;
      this.metric = metric;
      this.encoding = encoding;
      this.rescoreFactor = rescoreFactor;
      this.ids = ids;
    }
  }

  private static Header readHeader(FormatInput input) throws IOException {
    int dimension = input.readInt();
    if (dimension < 1 || dimension > VectorChecks.MAX_DIMENSION) {
      throw input.corrupt(
          "dimension " + dimension + " is outside [1, " + VectorChecks.MAX_DIMENSION + "]");
    }
    Metric metric = readEnum(input, "metric", Metric.class);
    VectorEncoding encoding = VectorEncoding.FLOAT32;
    int rescoreFactor = FlatIndexBuilder.DEFAULT_RESCORE_FACTOR;
    if (input.version() >= 2) {
      encoding = readEnum(input, "encoding", VectorEncoding.class);
      rescoreFactor = input.readInt();
      if (rescoreFactor < 1 || rescoreFactor > FlatIndexBuilder.MAX_RESCORE_FACTOR) {
        throw input.corrupt(
            "rescore factor " + rescoreFactor + " is outside [1, "
                + FlatIndexBuilder.MAX_RESCORE_FACTOR + "]");
      }
    }
    // Every item takes at least its id's length int and its floats: a count the remaining bytes
    // cannot hold is corruption, found before anything is allocated for it.
    long minItemBytes = Integer.BYTES + (long) Float.BYTES * dimension;
    long maxRows = (Integer.MAX_VALUE - 8) / dimension;
    int count =
        input.readCount("item count", (int) Math.min(maxRows, input.remaining() / minItemBytes));
    String[] ids = readIds(input, count, dimension);
    if (input.version() >= 2) {
      while (input.position() % ALIGNMENT != 0) {
        int padding = input.readByte();
        if (padding != 0) {
          throw input.corrupt("padding byte " + padding + " before the vectors is not zero");
        }
      }
    }
    return new Header(dimension, metric, encoding, rescoreFactor, ids);
  }

  private static <E extends Enum<E>> E readEnum(FormatInput input, String what, Class<E> type)
      throws IOException {
    String name = input.readString(MAX_NAME_BYTES);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw input.corrupt("unknown " + what + " '" + name + "'");
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

  private static void checkRow(Path file, float[] row, Header header, int item)
      throws CorruptFileException {
    String id = header.ids[item];
    double squaredNorm = 0;
    for (int i = 0; i < row.length; i++) {
      if (!Float.isFinite(row[i])) {
        throw new CorruptFileException(
            file, "vector of item " + item + " ('" + id + "') holds " + row[i] + " at position " + i);
      }
      if (header.encoding == VectorEncoding.FLOAT16 && Math.abs(row[i]) > Float16.MAX_VALUE) {
        throw new CorruptFileException(
            file,
            "vector of item " + item + " ('" + id + "') holds " + row[i] + " at position " + i
                + ", beyond the range of its FLOAT16 encoding");
      }
      squaredNorm += (double) row[i] * row[i];
    }
    if (header.metric == Metric.COSINE && Math.abs(squaredNorm - 1) > UNIT_TOLERANCE) {
      throw new CorruptFileException(
          file,
          "cosine vector of item " + item + " ('" + id + "') has squared length " + squaredNorm
              + ", not 1");
    }
  }
}
