package dev.visualsearch.store;

import static dev.visualsearch.store.FormatConstants.CHECKSUM_CRC32;
import static dev.visualsearch.store.FormatConstants.FOOTER_MAGIC;
import static dev.visualsearch.store.FormatConstants.HEADER_MAGIC;
import static dev.visualsearch.store.FormatConstants.MAX_CODEC_NAME_BYTES;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Writes one file of a visualsearch format: {@link #writeHeader header}, little-endian values,
 * {@link #writeFooter footer} with the CRC32 of everything before the checksum. Usually used inside
 * {@link AtomicFile#write}.
 *
 * <p>Not thread-safe: one thread writes one file.
 */
public final class FormatOutput {

  private static final int BUFFER_BYTES = 1 << 16;

  private final OutputStream out;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32 crc = new CRC32();
  private long flushedBytes;
  private boolean footerWritten;

  /**
   * Wraps {@code out}. Nothing reaches {@code out} before a buffer fills or the footer is written;
   * {@code out} is not closed by this class.
   */
  public FormatOutput(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * Writes the header: magic number, {@code codec} (names what the file holds, e.g. {@code
   * "FlatIndex"}) and the format {@code version}.
   */
  public void writeHeader(String codec, int version) throws IOException {
    byte[] name = codec.getBytes(StandardCharsets.UTF_8);
    if (name.length == 0 || name.length > MAX_CODEC_NAME_BYTES) {
      throw new IllegalArgumentException(
          "codec name must have 1 to " + MAX_CODEC_NAME_BYTES + " bytes: '" + codec + "'");
    }
    writeInt(HEADER_MAGIC);
    writeInt(name.length);
    writeBytes(name, 0, name.length);
    writeInt(version);
  }

  /** Writes one byte. */
  public void writeByte(int value) throws IOException {
    ensureRoom(1);
    buffer.put((byte) value);
  }

  /** Writes a 4-byte little-endian int. */
  public void writeInt(int value) throws IOException {
    ensureRoom(4);
    buffer.putInt(value);
  }

  /** Writes an 8-byte little-endian long. */
  public void writeLong(long value) throws IOException {
    ensureRoom(8);
    buffer.putLong(value);
  }

  /** Writes a 4-byte little-endian IEEE 754 float. */
  public void writeFloat(float value) throws IOException {
    ensureRoom(4);
    buffer.putFloat(value);
  }

  /** Writes {@code length} floats of {@code values} from {@code offset}, little-endian. */
  public void writeFloats(float[] values, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, values.length);
    while (length > 0) {
      ensureRoom(4);
      int n = Math.min(length, buffer.remaining() / Float.BYTES);
      buffer.asFloatBuffer().put(values, offset, n);
      buffer.position(buffer.position() + n * Float.BYTES);
      offset += n;
      length -= n;
    }
  }

  /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
  public void writeBytes(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    while (length > 0) {
      ensureRoom(1);
      int n = Math.min(length, buffer.remaining());
      buffer.put(bytes, offset, n);
      offset += n;
      length -= n;
    }
  }

  /** Writes a string as its UTF-8 byte count (int) followed by the bytes. */
  public void writeString(String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeInt(bytes.length);
    writeBytes(bytes, 0, bytes.length);
  }

  /** The number of bytes written so far. */
  public long position() {
    return flushedBytes + buffer.position();
  }

  /**
   * Writes the footer — magic, checksum algorithm, CRC32 of all bytes before the checksum — and
   * flushes everything to the underlying stream. Nothing may be written after it.
   */
  public void writeFooter() throws IOException {
    if (footerWritten) {
      throw new IllegalStateException("footer already written");
    }
    writeInt(FOOTER_MAGIC);
    writeInt(CHECKSUM_CRC32);
    drain();
    long checksum = crc.getValue();
    ensureRoom(8);
    buffer.putLong(checksum);
    drain();
    out.flush();
    footerWritten = true;
  }

  private void ensureRoom(int bytes) throws IOException {
    if (footerWritten) {
      throw new IllegalStateException("cannot write after the footer");
    }
    if (buffer.remaining() < bytes) {
      drain();
    }
  }

  private void drain() throws IOException {
    int length = buffer.position();
    if (length > 0) {
      byte[] array = buffer.array();
      crc.update(array, 0, length);
      out.write(array, 0, length);
      flushedBytes += length;
      buffer.clear();
    }
  }
}
