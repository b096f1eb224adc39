package dev.visualsearch.store;

import static dev.visualsearch.store.FormatConstants.CHECKSUM_CRC32;
import static dev.visualsearch.store.FormatConstants.FOOTER_LENGTH;
import static dev.visualsearch.store.FormatConstants.FOOTER_MAGIC;
import static dev.visualsearch.store.FormatConstants.HEADER_MAGIC;
import static dev.visualsearch.store.FormatConstants.MAX_CODEC_NAME_BYTES;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Reads one file written with {@link FormatOutput}. {@link #open} checks, before anything is
 * parsed, that the file starts with the magic number, ends with a footer, and that the CRC32 of
 * the whole file matches the footer; then it checks the codec name and the version range. Reads
 * past the end of the data throw {@link CorruptFileException}, so a parser never runs into the
 * footer.
 *
 * <p>Not thread-safe: one thread reads one file.
 */
public final class FormatInput implements Closeable {

  private static final int BUFFER_BYTES = 1 << 16;
  private static final int MIN_FILE_BYTES = 4 + 4 + 1 + 4 + FOOTER_LENGTH;

  private final Path file;
  private final FileChannel channel;
  private final long dataEnd;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private long bufferStart;
  private int version;

  private FormatInput(Path file, FileChannel channel, long dataEnd) {
    this.file = file;
    this.channel = channel;
    this.dataEnd = dataEnd;
    buffer.limit(0);
  }

  /**
   * Opens {@code file}, verifies its checksum and header, and positions the input after the
   * header.
   *
   * @param codec the codec name the file must carry
   * @param minVersion the oldest format version the caller reads
   * @param maxVersion the newest format version the caller reads
   * @throws NoSuchFileException if the file does not exist
   * @throws CorruptFileException if it is not a visualsearch file, is truncated or its checksum
   *     does not match
   * @throws FormatTooOldException if its version is below {@code minVersion}
   * @throws FormatTooNewException if its version is above {@code maxVersion}
   * @throws IOException if it holds another codec, or cannot be read
   */
  public static FormatInput open(Path file, String codec, int minVersion, int maxVersion)
      throws IOException {
    Objects.requireNonNull(codec, "codec");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < MIN_FILE_BYTES) {
        throw new CorruptFileException(
            file, "too short to be a visualsearch file (" + size + " bytes)");
      }
      FormatInput input = new FormatInput(file, channel, size - FOOTER_LENGTH);
      input.verifyFraming(size);
      input.readHeader(codec, minVersion, maxVersion);
      return input;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The format version found in the header. */
  public int version() {
    return version;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** Reads one byte, 0 to 255. */
  public int readByte() throws IOException {
    require(1);
    return buffer.get() & 0xFF;
  }

  /** Reads a 4-byte little-endian int. */
  public int readInt() throws IOException {
    require(4);
    return buffer.getInt();
  }

  /** Reads an 8-byte little-endian long. */
  public long readLong() throws IOException {
    require(8);
    return buffer.getLong();
  }

  /** Reads a 4-byte little-endian float. */
  public float readFloat() throws IOException {
    require(4);
    return buffer.getFloat();
  }

  /** Reads {@code length} floats into {@code values} from {@code offset}. */
  public void readFloats(float[] values, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, values.length);
    if ((long) length * Float.BYTES > remaining()) {
      throw corrupt("needs " + length + " floats but the data ends first");
    }
    while (length > 0) {
      require(Float.BYTES);
      int n = Math.min(length, buffer.remaining() / Float.BYTES);
      buffer.asFloatBuffer().get(values, offset, n);
      buffer.position(buffer.position() + n * Float.BYTES);
      offset += n;
      length -= n;
    }
  }

  /** Reads {@code length} bytes into {@code bytes} from {@code offset}. */
  public void readBytes(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length > remaining()) {
      throw corrupt("needs " + length + " bytes but the data ends first");
    }
    while (length > 0) {
      require(1);
      int n = Math.min(length, buffer.remaining());
      buffer.get(bytes, offset, n);
      offset += n;
      length -= n;
    }
  }

  /**
   * Reads a string written by {@link FormatOutput#writeString}.
   *
   * @param maxBytes the longest UTF-8 encoding accepted; longer is reported as corruption
   */
  public String readString(int maxBytes) throws IOException {
    int length = readInt();
    if (length < 0 || length > maxBytes) {
      throw corrupt("string length " + length + " is outside [0, " + maxBytes + "]");
    }
    byte[] bytes = new byte[length];
    readBytes(bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Reads an int that counts something and checks it is within {@code [0, max]}.
   *
   * @param what names the count in the error message, e.g. "vector count"
   */
  public int readCount(String what, int max) throws IOException {
    int count = readInt();
    if (count < 0 || count > max) {
      throw corrupt(what + " " + count + " is outside [0, " + max + "]");
    }
    return count;
  }

  /**
   * The file offset of the next byte to be read. A format that lets readers map a section of the
   * file (rather than read it) records where the section starts with this, then {@link #skip}s it.
   */
  public long position() {
    return bufferStart + buffer.position();
  }

  /**
   * Skips {@code bytes} data bytes without reading them (the checksum already covered them).
   *
   * @throws CorruptFileException if fewer than {@code bytes} data bytes remain
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public void skip(long bytes) throws IOException {
    if (bytes < 0) {
      throw new IllegalArgumentException("cannot skip a negative number of bytes: " + bytes);
    }
    if (bytes > remaining()) {
      throw corrupt("needs " + bytes + " bytes but the data ends first");
    }
    if (bytes <= buffer.remaining()) {
      buffer.position(buffer.position() + (int) bytes);
      return;
    }
    // Past the buffered bytes: restart the buffer empty at the new position.
    bufferStart = position() + bytes;
    buffer.clear();
    buffer.limit(0);
  }

  /** The number of data bytes not read yet (the footer excluded). */
  public long remaining() {
    return dataEnd - (bufferStart + buffer.position());
  }

  /**
   * Checks that the whole data was read, nothing left before the footer: a parser that stops
   * early has misread the file.
   *
   * @throws CorruptFileException if data bytes remain
   */
  public void finish() throws IOException {
    long left = remaining();
    if (left != 0) {
      throw corrupt(left + " unread bytes before the footer");
    }
  }

  /** Returns a {@link CorruptFileException} for this file with {@code reason}. */
  public CorruptFileException corrupt(String reason) {
    return new CorruptFileException(file, reason);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void verifyFraming(long size) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(head, 0);
    if (head.getInt(0) != HEADER_MAGIC) {
      throw corrupt("not a visualsearch file (no header magic)");
    }
    ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    readFully(footer, size - FOOTER_LENGTH);
    if (footer.getInt(0) != FOOTER_MAGIC) {
      throw corrupt("no footer; the file is truncated or was not completely written");
    }
    if (footer.getInt(4) != CHECKSUM_CRC32) {
      throw corrupt("unknown checksum algorithm " + footer.getInt(4));
    }
    long expected = footer.getLong(8);
    long actual = crc32(size - Long.BYTES);
    if (actual != expected) {
      throw corrupt(
          "checksum mismatch (stored "
              + Long.toHexString(expected)
              + ", computed "
              + Long.toHexString(actual)
              + "); the file was damaged after it was written");
    }
  }

  private long crc32(long length) throws IOException {
    CRC32 crc = new CRC32();
    ByteBuffer chunk = ByteBuffer.allocate(BUFFER_BYTES);
    long position = 0;
    while (position < length) {
      chunk.clear();
      chunk.limit((int) Math.min(BUFFER_BYTES, length - position));
      int n = channel.read(chunk, position);
      if (n < 0) {
        throw corrupt("file shrank while it was read");
      }
      chunk.flip();
      crc.update(chunk);
      position += n;
    }
    return crc.getValue();
  }

  private void readHeader(String expectedCodec, int minVersion, int maxVersion)
      throws IOException {
    if (readInt() != HEADER_MAGIC) {
      throw corrupt("not a visualsearch file (no header magic)");
    }
    String codec = readString(MAX_CODEC_NAME_BYTES);
    if (!codec.equals(expectedCodec)) {
      throw new IOException(
          file + " holds a '" + codec + "' file, not a '" + expectedCodec + "' file");
    }
    version = readInt();
    if (version < minVersion) {
      throw new FormatTooOldException(file, codec, version, minVersion);
    }
    if (version > maxVersion) {
      throw new FormatTooNewException(file, codec, version, maxVersion);
    }
  }

  /** Makes at least {@code bytes} bytes available in the buffer, or reports truncation. */
  private void require(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    long position = bufferStart + buffer.position();
    if (dataEnd - position < bytes) {
      throw corrupt("data ends at byte " + dataEnd + " but a value at byte " + position
          + " needs " + bytes + " bytes");
    }
    buffer.compact(); // unread bytes move to the front: buffer[0] is now file byte 'position'
    bufferStart = position;
    buffer.limit((int) Math.min(buffer.capacity(), dataEnd - bufferStart));
    while (buffer.position() < bytes) {
      int n = channel.read(buffer, bufferStart + buffer.position());
      if (n < 0) {
        throw corrupt("file shrank while it was read");
      }
    }
    // Fill the rest of the buffer too, so small reads do not each cost a system call.
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, bufferStart + buffer.position());
      if (n <= 0) {
        break;
      }
    }
    buffer.flip();
  }

  private void readFully(ByteBuffer target, long position) throws IOException {
    while (target.hasRemaining()) {
      int n = channel.read(target, position + target.position());
      if (n < 0) {
        throw corrupt("unexpected end of file");
      }
    }
  }
}
