package dev.visualsearch.index.flat;

import dev.visualsearch.store.Unmapper;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Float32 rows of a saved index, memory-mapped instead of read into the heap, so an index larger
 * than the heap (1M × 1280 floats are 5 GB) can be searched; the operating system pages the file
 * in as the scan reads it.
 *
 * <p>A {@link java.nio.ByteBuffer} holds at most 2 GB and Java 17 has no final {@code
 * MemorySegment} API, so the rows are mapped in chunks of whole rows (1 GiB by default), each its
 * own buffer. The scan copies a block of rows at a time into the heap ({@link RowBlock#scratch}, a
 * few kilobytes that stay in the L1/L2 cache) and runs the heap kernels on it: the copy is a
 * native-order bulk copy, far cheaper than the read from memory that both ways must do.
 *
 * <p>Read-only. Not thread-safe by itself; reads use absolute positions and never change buffer
 * state, so concurrent searches under {@link FlatIndex}'s read lock are safe.
 */
final class MappedFloatRows implements RowStorage {

  /** The largest chunk mapped as one buffer. */
  static final long DEFAULT_CHUNK_BYTES = 1L << 30;

  private final int dimension;
  private final int rowsPerChunk;
  private final MappedByteBuffer[] mappings;
  private final FloatBuffer[] chunks;

  private MappedFloatRows(int dimension, int rowsPerChunk, MappedByteBuffer[] mappings) {
    this.dimension = dimension;
    this.rowsPerChunk = rowsPerChunk;
    this.mappings = mappings;
    this.chunks = new FloatBuffer[mappings.length];
    for (int i = 0; i < mappings.length; i++) {
      chunks[i] = mappings[i].order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
  }

  /**
   * Maps {@code rows} rows of {@code dimension} little-endian floats starting at byte {@code
   * offset} of {@code channel}. The mapping outlives the channel.
   *
   * @param chunkBytes the most bytes one buffer maps; rounded down to whole rows (at least one)
   */
  static MappedFloatRows map(
      FileChannel channel, long offset, int rows, int dimension, long chunkBytes)
      throws IOException {
    long rowBytes = (long) dimension * Float.BYTES;
    int rowsPerChunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, chunkBytes / rowBytes));
    int chunkCount = rows == 0 ? 0 : (int) ((rows + (long) rowsPerChunk - 1) / rowsPerChunk);
    MappedByteBuffer[] mappings = new MappedByteBuffer[chunkCount];
    for (int c = 0; c < chunkCount; c++) {
      int chunkRows = Math.min(rowsPerChunk, rows - c * rowsPerChunk);
      long position = offset + (long) c * rowsPerChunk * rowBytes;
      mappings[c] = channel.map(FileChannel.MapMode.READ_ONLY, position, chunkRows * rowBytes);
    }
    return new MappedFloatRows(dimension, rowsPerChunk, mappings);
  }

  /** The number of buffers the rows are mapped in; for tests of the chunking. */
  int chunkCount() {
    return chunks.length;
  }

  @Override
  public void load(int first, int count, RowBlock block) {
    int done = 0;
    while (done < count) {
      int row = first + done;
      int chunk = row / rowsPerChunk;
      int inChunk = row - chunk * rowsPerChunk;
      int n = Math.min(count - done, rowsPerChunk - inChunk);
      chunks[chunk].get(inChunk * dimension, block.scratch, done * dimension, n * dimension);
      done += n;
    }
    block.useScratch();
  }

  @Override
  public void set(int row, float[] vector) {
    throw readOnly();
  }

  @Override
  public void move(int from, int to) {
    throw readOnly();
  }

  @Override
  public void resize(int rows) {
    throw readOnly();
  }

  @Override
  public long heapBytes() {
    return 0;
  }

  /** Unmaps the file now rather than at garbage collection; nothing may read it afterwards. */
  void unmap() {
    for (MappedByteBuffer mapping : mappings) {
      Unmapper.unmap(mapping);
    }
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("mapped rows are read-only");
  }
}
