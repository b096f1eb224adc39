package dev.visualsearch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class CachingImageInputStreamTest {

  @Test
  void readsSeeksBackAndForthAcrossChunks() throws IOException {
    long seed = System.nanoTime();
    System.out.println("CachingImageInputStreamTest seed " + seed);
    byte[] data = new byte[300_000];
    new Random(seed).nextBytes(data);
    try (ImageInputStream in = new CachingImageInputStream(new TrickleStream(data))) {
      byte[] head = new byte[10];
      in.readFully(head);
      assertThat(head).isEqualTo(Arrays.copyOf(data, 10));
      in.seek(200_000);
      assertThat(in.read()).as("seed %d", seed).isEqualTo(data[200_000] & 0xFF);
      in.seek(5);
      byte[] span = new byte[150_000];
      in.readFully(span);
      assertThat(span).as("seed %d", seed).isEqualTo(Arrays.copyOfRange(data, 5, 150_005));
      assertThat(in.length()).as("unknown until the source has ended").isEqualTo(-1);
      in.seek(299_999);
      assertThat(in.read()).isEqualTo(data[299_999] & 0xFF);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.length()).isEqualTo(300_000);
    }
  }

  @Test
  void aPositionFarPastTheEndReadsAsEndOfData() throws IOException {
    // 2^32 - 97 past 3 bytes of data: the JDK's MemoryCacheImageInputStream (JDK 17) casts the
    // remaining length, -(2^32 - 100), to the int 100 and throws IndexOutOfBoundsException.
    for (long position : new long[] {(1L << 32) - 97, 5_000_000_000L, Long.MAX_VALUE / 2}) {
      try (ImageInputStream in =
          new CachingImageInputStream(new ByteArrayInputStream(new byte[3]))) {
        in.seek(position);

        assertThat(in.read(new byte[4], 0, 4)).as("at %d", position).isEqualTo(-1);
        assertThat(in.read()).as("at %d", position).isEqualTo(-1);
      }
    }
  }

  @Test
  void readsAheadAtMostAChunkBeyondWhatIsAsked() throws IOException {
    CountingStream source = new CountingStream(new byte[10_000_000]);
    try (ImageInputStream in = new CachingImageInputStream(source)) {
      in.readFully(new byte[16]);
      in.seek(100_000);
      in.read();
    }
    assertThat(source.consumed).isLessThanOrEqualTo(100_001 + 64 * 1024);
  }

  @Test
  void aLargeUnrecognisedStreamIsRejectedAfterReadingLittleOfIt() {
    byte[] text = new byte[20_000_000];
    Arrays.fill(text, (byte) 'x');
    CountingStream source = new CountingStream(text);

    ImageDecodeException e = catchThrowableOfType(
        ImageDecodeException.class, () -> ImageDecoder.defaults().decode(source, "big.txt"));

    assertThat(e.reason()).isEqualTo(ImageDecodeException.Reason.UNSUPPORTED_FORMAT);
    assertThat(source.consumed).isLessThan(1_000_000);
  }

  @Test
  void closeLeavesTheSourceOpen() throws IOException {
    boolean[] closed = {false};
    InputStream source = new ByteArrayInputStream(new byte[3]) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    new CachingImageInputStream(source).close();

    assertThat(closed[0]).isFalse();
  }

  /** Hands out at most 1000 bytes per read, like a slow network stream. */
  private static final class TrickleStream extends ByteArrayInputStream {
    TrickleStream(byte[] data) {
      super(data);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, 1000));
    }
  }

  private static final class CountingStream extends ByteArrayInputStream {
    long consumed;

    CountingStream(byte[] data) {
      super(data);
    }

    @Override
    public synchronized int read() {
      int b = super.read();
      consumed += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      consumed += Math.max(0, n);
      return n;
    }
  }
}
