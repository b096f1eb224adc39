package dev.visualsearch.image;

import static dev.visualsearch.image.ImageDecoderFormatsTest.formats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.visualsearch.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderErrorsTest {

  private static final ImageDecoder DECODER = ImageDecoder.defaults();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "bad-empty.jpg, EMPTY, no bytes",
    "bad-huge-dimensions.png, TOO_MANY_PIXELS, 100000 x 100000",
    "bad-random.png, UNSUPPORTED_FORMAT, starts with bytes 15 14 ff 3c",
    "bad-text-named.jpg, UNSUPPORTED_FORMAT, look like text",
    "bad-truncated.jpg, TRUNCATED, data ends before the image does"
  })
  void badFilesFailWithTheirReasonAndName(String name, Reason reason, String explanation) {
    Path file = formats(name);

    ImageDecodeException e = catchThrowableOfType(ImageDecodeException.class,
        () -> DECODER.decode(file));

    assertThat(e).as("%s must fail", name).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.getMessage()).startsWith(file.toString() + ": ").contains(name, explanation);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "bad-empty.jpg, EMPTY",
    "bad-huge-dimensions.png, TOO_MANY_PIXELS",
    "bad-random.png, UNSUPPORTED_FORMAT",
    "bad-text-named.jpg, UNSUPPORTED_FORMAT",
    "bad-truncated.jpg, TRUNCATED"
  })
  void badStreamsFailTheSameWayAndNameTheStream(String name, Reason reason) throws IOException {
    try (InputStream in = Files.newInputStream(formats(name))) {
      assertThatExceptionOfType(ImageDecodeException.class)
          .isThrownBy(() -> DECODER.decode(in, "upload #7 " + name))
          .satisfies(e -> assertThat(e.reason()).isEqualTo(reason))
          .satisfies(e -> assertThat(e.source()).isEqualTo("upload #7 " + name))
          .withMessageStartingWith("upload #7 " + name + ": ");
    }
  }

  @Test
  void hugeDimensionsAreRefusedFromTheHeaderWithTheLimitInTheMessage() {
    // Generous bound: reading a 69-byte header takes milliseconds; allocating 10^10 pixels cannot.
    ImageDecodeException e = assertTimeout(Duration.ofSeconds(5),
        () -> catchThrowableOfType(ImageDecodeException.class,
            () -> DECODER.decode(formats("bad-huge-dimensions.png"))));

    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(e.getMessage()).contains("100000 x 100000", "10000000000", "67108864");
  }

  @Test
  void theSizeIsCheckedBeforeThePixelsAreRead() {
    // A PNG header of 9000 x 9000 (81 Mi pixels, over the default 64 Mi) with no image data at
    // all: had the reader been asked for the pixels it would have allocated 243 MB and then
    // reported the missing data; the guard must answer first.
    byte[] header = pngHeaderOnly(9000, 9000);

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> DECODER.decode(new ByteArrayInputStream(header), "header-only.png"))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS))
        .withMessageContaining("9000 x 9000");
    // Under the limit, the same kind of file fails on its missing data instead.
    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> DECODER.decode(new ByteArrayInputStream(pngHeaderOnly(90, 90)), "h.png"))
        .satisfies(e -> assertThat(e.reason()).isNotEqualTo(Reason.TOO_MANY_PIXELS));
  }

  @Test
  void aSmallLimitRefusesTheBaselineTheSameWay() {
    ImageDecoder small = ImageDecoder.builder().maxPixels(1000).build();

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> small.decode(formats("baseline.jpg")))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS))
        .withMessageContaining("baseline.jpg")
        .withMessageContaining("451 x 300 = 135300 pixels")
        .withMessageContaining("limit of 1000 pixels");
  }

  @Test
  void theLimitIsInclusive() throws IOException {
    int pixels = 451 * 300;
    ImageDecoder exact = ImageDecoder.builder().maxPixels(pixels).build();
    ImageDecoder oneLess = ImageDecoder.builder().maxPixels(pixels - 1).build();

    assertThat(exact.decode(formats("baseline.jpg")).getWidth()).isEqualTo(451);
    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> oneLess.decode(formats("baseline.jpg")))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
  }

  @Test
  void builderRejectsLimitsBelowOneNamingTheValue() {
    assertThatIllegalArgumentException().isThrownBy(() -> ImageDecoder.builder().maxPixels(0))
        .withMessageContaining("maxPixels").withMessageContaining("0");
    assertThatIllegalArgumentException().isThrownBy(() -> ImageDecoder.builder().maxPixels(-5))
        .withMessageContaining("-5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ImageDecoder.builder().maxPixels(Long.MIN_VALUE))
        .withMessageContaining(Long.toString(Long.MIN_VALUE));
  }

  @Test
  void defaultsAndBuilderDefaultsUseTheDefaultLimit() {
    assertThat(ImageDecoder.defaults().maxPixels()).isEqualTo(ImageDecoder.DEFAULT_MAX_PIXELS);
    assertThat(ImageDecoder.builder().build().maxPixels())
        .isEqualTo(ImageDecoder.DEFAULT_MAX_PIXELS);
    assertThat(ImageDecoder.builder().maxPixels(7).build().maxPixels()).isEqualTo(7);
  }

  @Test
  void aMissingFileIsAnIoErrorNotABadImage(@TempDir Path dir) {
    Path missing = dir.resolve("nope.jpg");

    assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> DECODER.decode(missing))
        .withMessageContaining("nope.jpg");
  }

  @Test
  void aDirectoryIsAnIoErrorNotABadImage(@TempDir Path dir) {
    assertThatThrownBy(() -> DECODER.decode(dir))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(ImageDecodeException.class);
  }

  @Test
  void aFailingStreamThrowsItsOwnException() throws IOException {
    byte[] jpeg = Files.readAllBytes(formats("baseline.jpg"));
    IOException broken = new IOException("connection reset");
    InputStream failing = new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        if (position >= 10_000) {
          throw broken;
        }
        return jpeg[position++] & 0xFF;
      }
    };

    assertThatThrownBy(() -> DECODER.decode(failing, "remote.jpg")).isSameAs(broken);
  }

  @Test
  void theStreamIsNotClosed() throws IOException {
    class Tracking extends ByteArrayInputStream {
      boolean closed;

      Tracking(byte[] data) {
        super(data);
      }

      @Override
      public void close() {
        closed = true;
      }
    }
    Tracking good = new Tracking(Files.readAllBytes(formats("baseline.jpg")));
    Tracking bad = new Tracking(Files.readAllBytes(formats("bad-text-named.jpg")));

    DECODER.decode(good, "good");
    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> DECODER.decode(bad, "b"));

    assertThat(good.closed).isFalse();
    assertThat(bad.closed).isFalse();
  }

  @Test
  void rejectsNullArguments() {
    InputStream in = new ByteArrayInputStream(new byte[1]);
    assertThatNullPointerException().isThrownBy(() -> DECODER.decode((Path) null));
    assertThatNullPointerException().isThrownBy(() -> DECODER.decode(null, "x"));
    assertThatNullPointerException().isThrownBy(() -> DECODER.decode(in, null));
  }

  @ParameterizedTest(name = "{0} cut to {1} of its bytes")
  @CsvSource({
    "baseline.jpg, 0.5",
    "baseline.jpg, 0.01",
    "progressive.jpg, 0.5",
    "cmyk.jpg, 0.5",
    "rgb.png, 0.5",
    "palette.png, 0.5",
    "image.bmp, 0.5",
    "lossy.webp, 0.5",
  })
  void cutFilesAreTruncated(String name, double fraction) throws IOException {
    byte[] whole = Files.readAllBytes(formats(name));
    byte[] cut = TestImages.cut(whole, (int) (whole.length * fraction));

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> DECODER.decode(new ByteArrayInputStream(cut), "cut-" + name))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
        .withMessageContaining("cut-" + name);
  }

  @Test
  void aJpegMissingOnlyItsEndMarkerIsTruncated() throws IOException {
    // The pixels may be complete, but the reader cannot tell that from a progressive file cut at
    // a scan boundary; a file without its end marker did not arrive whole.
    byte[] whole = Files.readAllBytes(formats("baseline.jpg"));
    byte[] cut = TestImages.cut(whole, whole.length - 2);

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> DECODER.decode(new ByteArrayInputStream(cut), "no-eoi.jpg"))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
        .withMessageContaining("Missing EOI");
  }

  @Test
  void bytesAfterTheEndOfAJpegDoNotMatter() throws IOException {
    byte[] whole = Files.readAllBytes(formats("baseline.jpg"));
    byte[] padded = TestImages.insert(whole, whole.length, "trailing junk".getBytes());

    BufferedImage image = DECODER.decode(new ByteArrayInputStream(padded), "padded.jpg");

    assertThat(RgbConversion.bgrBytes(image))
        .isEqualTo(RgbConversion.bgrBytes(DECODER.decode(formats("baseline.jpg"))));
  }

  @Test
  void aTiffCutBeforeItsDirectoryIsMalformed() throws IOException {
    // The TIFF's directory sits at its end; without it the reader finds no image at all.
    byte[] whole = Files.readAllBytes(formats("lzw.tif"));
    byte[] cut = TestImages.cut(whole, whole.length / 2);

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> DECODER.decode(new ByteArrayInputStream(cut), "cut.tif"))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
        .withMessageContaining("cut.tif")
        .withMessageContaining("TIF");
  }

  @Test
  void aPngWithAnImpossibleColourTypeIsMalformed() {
    byte[] png = pngHeaderOnly(10, 10);
    png[8 + 8 + 9] = 5; // colour type 5 does not exist
    fixIhdrCrc(png);

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> DECODER.decode(new ByteArrayInputStream(png), "bad-type.png"))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
        .withMessageContaining("damaged PNG");
  }

  @Test
  void withoutPluginsWebpAndCmykJpegAreUnsupportedAndSayWhatToAdd() {
    ImageDecoder bare = ImageDecoder.builder().jdkReadersOnly().build();

    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> bare.decode(formats("lossy.webp")))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
        .withMessageContaining("lossy.webp")
        .withMessageContaining("WebP")
        .withMessageContaining("com.twelvemonkeys.imageio:imageio-webp");
    assertThatExceptionOfType(ImageDecodeException.class)
        .isThrownBy(() -> bare.decode(formats("cmyk.jpg")))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
        .withMessageContaining("cmyk.jpg")
        .withMessageContaining("CMYK")
        .withMessageContaining("com.twelvemonkeys.imageio:imageio-jpeg");
  }

  @Test
  void withoutPluginsTheJdkStillReadsJpegPngGifBmpAndTiff() throws IOException {
    ImageDecoder bare = ImageDecoder.builder().jdkReadersOnly().build();
    for (String name : new String[] {"baseline.jpg", "exif-orientation-6.jpg", "gray.jpg",
        "rgba.png", "image.gif", "image.bmp", "lzw.tif"}) {
      BufferedImage jdk = bare.decode(formats(name));
      BufferedImage plugins = DECODER.decode(formats(name));

      assertThat(jdk.getWidth()).as(name).isEqualTo(plugins.getWidth());
      // TwelveMonkeys hands JPEG decoding to the JDK, so even JPEG pixels are identical.
      assertThat(RgbConversion.bgrBytes(jdk)).as(name).isEqualTo(RgbConversion.bgrBytes(plugins));
    }
  }

  @Test
  void randomDamageGivesAnImageOrAClassifiedFailureNeverAnotherException() throws IOException {
    long seed = System.nanoTime();
    System.out.println("ImageDecoderErrorsTest seed " + seed);
    Random random = new Random(seed);
    // A small decoder limit keeps damaged headers from asking for huge images.
    ImageDecoder decoder = ImageDecoder.builder().maxPixels(1 << 20).build();
    BufferedImage small = RgbConversion.packedCopy(
        DECODER.decode(formats("baseline.jpg")).getSubimage(100, 50, 64, 48));
    byte[][] files = {TestImages.jpeg(small), TestImages.png(small),
        TestImages.write(small, "gif"), TestImages.write(small, "bmp")};
    for (int i = 0; i < 400; i++) {
      byte[] data = files[i % files.length].clone();
      for (int m = random.nextInt(6); m >= 0; m--) {
        data[random.nextInt(Math.min(data.length, 400))] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        data = TestImages.cut(data, random.nextInt(data.length));
      }
      try {
        BufferedImage image = decoder.decode(new ByteArrayInputStream(data), "fuzz-" + i);
        assertThat(image.getType()).as("seed %d, case %d", seed, i)
            .isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
      } catch (ImageDecodeException expected) {
        assertThat(expected.getMessage()).as("seed %d, case %d", seed, i).startsWith("fuzz-" + i);
      } catch (Exception | AssertionError other) {
        throw new AssertionError("seed " + seed + ", case " + i + ": " + other, other);
      }
    }
  }

  /** A PNG signature and IHDR (8-bit RGB) and nothing else. */
  private static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer png = ByteBuffer.allocate(8 + 25);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    png.putInt(13).put("IHDR".getBytes()).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    png.putInt(0);
    byte[] bytes = png.array();
    fixIhdrCrc(bytes);
    return bytes;
  }

  private static void fixIhdrCrc(byte[] png) {
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
  }
}
