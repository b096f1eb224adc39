package dev.visualsearch.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over an {@link InputStream} that keeps what it
 * has read in one growing byte array, so readers can seek back and forth.
 *
 * <p>Why not the JDK's {@code MemoryCacheImageInputStream}: every single-byte read there goes
 * through a block lookup, which made the TwelveMonkeys lossless WebP reader (it reads bit by bit)
 * about 10 times slower than on a buffered file stream; and a position more than 2 GiB past the
 * end of its data overflows an int inside it. Here a byte read is an array access.
 *
 * <p>Data is read from the source only as far as a reader asks (in chunks), so a large file that
 * no reader recognises costs one chunk, not its whole length. The array at most doubles the bytes
 * read. Sources longer than about 2 GiB are not supported: reading past that fails with an
 * {@link IOException}.
 *
 * <p>Not thread-safe, like every ImageInputStream. {@link #close()} does not close the source.
 */
final class CachingImageInputStream extends ImageInputStreamImpl {

  /** The largest array the JVM reliably allocates. */
  private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;
  private static final int CHUNK = 64 * 1024;

  private final InputStream source;
  private byte[] data = new byte[CHUNK];
  private int length;
  private boolean sourceEnded;

  CachingImageInputStream(InputStream source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    if (streamPos >= length && available(streamPos + 1) <= streamPos) {
      return -1;
    }
    return data[(int) streamPos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkClosed();
    Objects.checkFromIndexSize(off, len, b.length);
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    // Compare in long before narrowing: far past the end the difference does not fit an int.
    long remaining = available(streamPos + len) - streamPos;
    if (remaining <= 0) {
      return -1;
    }
    int count = (int) Math.min(len, remaining);
    System.arraycopy(data, (int) streamPos, b, off, count);
    streamPos += count;
    return count;
  }

  /** The total length once the source has ended, else -1 ("unknown"), as the contract asks. */
  @Override
  public long length() {
    return sourceEnded ? length : -1L;
  }

  @Override
  public boolean isCached() {
    return true;
  }

  @Override
  public boolean isCachedMemory() {
    return true;
  }

  @Override
  public void close() throws IOException {
    super.close();
    data = new byte[0]; // the source belongs to the caller; only our copy is let go
  }

  /**
   * Reads from the source until {@code wanted} bytes are held or it ends; returns how many are
   * held. Grows the array by doubling as data arrives, never by what a (possibly bogus) seek
   * target asks for.
   */
  private long available(long wanted) throws IOException {
    while (length < wanted && !sourceEnded) {
      if (length == data.length) {
        if (length == MAX_LENGTH) {
          throw new IOException("image data longer than " + MAX_LENGTH + " bytes is not supported");
        }
        data = Arrays.copyOf(data, (int) Math.min(MAX_LENGTH, 2L * data.length));
      }
      // Read what is wanted, at least a chunk, never more than fits: read-ahead stays small.
      long want = Math.max(wanted - length, CHUNK);
      int read = source.read(data, length, (int) Math.min(data.length - length, want));
      if (read < 0) {
        sourceEnded = true;
      } else {
        length += read;
      }
    }
    return length;
  }
}
