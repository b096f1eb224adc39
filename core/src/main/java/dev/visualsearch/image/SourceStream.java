package dev.visualsearch.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes the caller's stream through to ImageIO and remembers the first {@link IOException} the
 * stream itself threw.
 *
 * <p>Readers wrap every I/O failure in their own "error reading image" exception. Remembering the
 * original lets the decoder rethrow a real I/O failure (a network timeout, a disk error) as what it
 * is, instead of reporting the image as damaged.
 *
 * <p>Not thread-safe; one per decode call. {@link #close()} does not close the wrapped stream:
 * the caller who opened it closes it.
 */
final class SourceStream extends FilterInputStream {

  private IOException failure;

  SourceStream(InputStream in) {
    super(in);
  }

  /** The first exception the wrapped stream threw, or {@code null}. */
  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void close() {
    // The caller owns the wrapped stream.
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
