package dev.visualsearch.index.hnsw;

import dev.visualsearch.store.Unmapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapped regions of one index file, and their release. A region of records is mapped in
 * chunks of a power-of-two number of records, each within 1 GiB: a single {@link
 * MappedByteBuffer} cannot exceed 2 GiB, and a power of two turns "which chunk, which record" into
 * a shift and a mask.
 *
 * <p>Java 17 has no public way to unmap a buffer before the garbage collector finds it; {@link
 * #close} uses {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}) where it is
 * available, as Lucene did, so that closing an index gives the mapping back at once. That is safe
 * only because the index closes the mapping under its write lock and no search touches the
 * buffers afterwards. Where it is not available the mapping goes when the buffers are collected.
 *
 * <p>Not thread-safe; the index guards it with its lock.
 */
final class MappedFile implements Closeable {

  /** The largest chunk mapped at once. */
  static final long DEFAULT_CHUNK_BYTES = 1L << 30;

  private final List<MappedByteBuffer> buffers = new ArrayList<>();
  private final long maxChunkBytes;

  /** @param maxChunkBytes the largest chunk to map; tests lower it to exercise many chunks */
  MappedFile(long maxChunkBytes) {
    this.maxChunkBytes = maxChunkBytes;
  }

  /**
   * The number of records of {@code recordBytes} bytes per chunk: the largest power of two whose
   * chunk stays within the chunk limit (at least one record).
   */
  int recordsPerChunk(long recordBytes) {
    long records = Math.max(1, maxChunkBytes / recordBytes);
    return Integer.highestOneBit((int) Math.min(records, 1 << 30));
  }

  /** Maps {@code records} records of {@code recordFloats} floats from {@code offset}. */
  FloatBuffer[] mapFloats(FileChannel channel, long offset, int records, int recordFloats)
      throws IOException {
    long recordBytes = (long) recordFloats * Float.BYTES;
    ByteBuffer[] chunks = map(channel, offset, records, recordBytes);
    FloatBuffer[] floats = new FloatBuffer[chunks.length];
    for (int i = 0; i < chunks.length; i++) {
      floats[i] = chunks[i].asFloatBuffer();
    }
    return floats;
  }

  /** Maps {@code records} records of {@code recordInts} ints from {@code offset}. */
  IntBuffer[] mapInts(FileChannel channel, long offset, int records, int recordInts)
      throws IOException {
    long recordBytes = (long) recordInts * Integer.BYTES;
    ByteBuffer[] chunks = map(channel, offset, records, recordBytes);
    IntBuffer[] ints = new IntBuffer[chunks.length];
    for (int i = 0; i < chunks.length; i++) {
      ints[i] = chunks[i].asIntBuffer();
    }
    return ints;
  }

  private ByteBuffer[] map(FileChannel channel, long offset, int records, long recordBytes)
      throws IOException {
    int perChunk = recordsPerChunk(recordBytes);
    int chunkCount = Math.max(1, (int) ((records + (long) perChunk - 1) / perChunk));
    ByteBuffer[] chunks = new ByteBuffer[chunkCount];
    for (int i = 0; i < chunkCount; i++) {
      long first = (long) i * perChunk;
      long count = Math.min(perChunk, records - first);
      MappedByteBuffer buffer =
          channel.map(FileChannel.MapMode.READ_ONLY, offset + first * recordBytes, count * recordBytes);
      buffers.add(buffer);
      chunks[i] = buffer.order(ByteOrder.LITTLE_ENDIAN);
    }
    return chunks;
  }

  /** The bytes mapped. */
  long bytes() {
    long bytes = 0;
    for (MappedByteBuffer buffer : buffers) {
      bytes += buffer.capacity();
    }
    return bytes;
  }

  /** Unmaps every region now if the JVM allows it; no buffer may be used afterwards. */
  @Override
  public void close() {
    for (MappedByteBuffer buffer : buffers) {
      Unmapper.unmap(buffer);
    }
    buffers.clear();
  }
}
