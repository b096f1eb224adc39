package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.image.ImageDecodeException;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reduced-size JPEG path (libjpeg-turbo, when installed) keeps {@link ImageDecoder}'s
 * guarantees: upright TYPE_3BYTE_BGR images, its classified errors, its pixel limit; and
 * everything it does not handle falls back to the decoder. Tests of the fast path itself are
 * skipped on machines without libjpeg-turbo's Java bindings.
 */
class ScaledImageDecoderTest {

  private static final ImageDecoder DECODER = ImageDecoder.defaults();
  private static final ScaledImageDecoder FAST = ScaledImageDecoder.create(DECODER);

  @BeforeAll
  static void printStatus() {
    System.out.println(ScaledImageDecoder.turboJpegStatus());
  }

  @Test
  void aLargeJpegIsDecodedAtTheSmallestScaleThatKeepsTheShortSide() throws Exception {
    assumeTrue(FAST.usesTurboJpeg(), ScaledImageDecoder.turboJpegStatus());
    Path file = SharedData.data("formats/large-4000px.jpg"); // 4000 x 2661
    BufferedImage reduced = FAST.decode(file, 256);
    // 1/8 gives 500 x 333 (libjpeg rounds up), still >= 256 on the short side.
    assertThat(reduced.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(reduced.getWidth()).isEqualTo(500);
    assertThat(reduced.getHeight()).isEqualTo(333);
    assertThat(FAST.decode(file, 400).getHeight()).isEqualTo(666); // 2/8

    // The same picture as a full decode averaged over 8 x 8 blocks.
    BufferedImage full = DECODER.decode(file);
    double diff = meanAbsDiffToBlockAverage(reduced, full, 8);
    System.out.printf("1/8 DCT decode vs 8x8 block average of the full decode: %.2f levels%n",
        diff);
    assertThat(diff).isLessThan(3.0);
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void exifOrientationIsAppliedAsTheDecoderDoes(int orientation) throws Exception {
    assumeTrue(FAST.usesTurboJpeg(), ScaledImageDecoder.turboJpegStatus());
    byte[] bytes = withOrientation(
        Files.readAllBytes(SharedData.data("formats/exif-orientation-6.jpg")), orientation);
    BufferedImage expected = DECODER.decode(new ByteArrayInputStream(bytes), "o");
    BufferedImage actual = FAST.decode(bytes, "o", 0);
    assertThat(actual.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
    assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
    // Two libjpeg builds: the same pixels up to IDCT and upsampling rounding.
    assertThat(meanAbsDiff(actual, expected)).isLessThan(1.5);
  }

  @Test
  void filesTheFastPathDoesNotTakeGoToTheDecoder() throws Exception {
    for (String name : List.of("formats/rgb.png", "formats/cmyk.jpg", "formats/gray.jpg",
        "formats/progressive.jpg", "formats/lossy.webp", "photos/orange.jpg")) {
      Path file = SharedData.data(name);
      BufferedImage expected = DECODER.decode(file);
      BufferedImage actual = FAST.decode(file, 0);
      assertThat(actual.getType()).as(name).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
      assertThat(actual.getWidth()).as(name).isEqualTo(expected.getWidth());
      assertThat(actual.getHeight()).as(name).isEqualTo(expected.getHeight());
      assertThat(meanAbsDiff(actual, expected)).as(name).isLessThan(1.5);
    }
    // Without libjpeg-turbo: the decoder's own pixels.
    Path file = SharedData.data("formats/baseline.jpg");
    assertThat(pixels(ScaledImageDecoder.withoutTurboJpeg(DECODER).decode(file, 100)))
        .isEqualTo(pixels(DECODER.decode(file)));
  }

  @Test
  void brokenFilesFailWithTheDecodersClassifiedErrors() {
    for (String name : List.of("formats/bad-truncated.jpg", "formats/bad-text-named.jpg",
        "formats/bad-empty.jpg", "formats/bad-huge-dimensions.png", "formats/bad-random.png")) {
      Path file = SharedData.data(name);
      ImageDecodeException.Reason expected = reasonOf(() -> DECODER.decode(file));
      assertThatThrownBy(() -> FAST.decode(file, 224)).as(name)
          .isInstanceOf(ImageDecodeException.class)
          .hasMessageContaining(file.toString())
          .satisfies(e -> assertThat(((ImageDecodeException) e).reason()).isEqualTo(expected));
    }
  }

  @Test
  void thePixelLimitHoldsOnTheFastPath() {
    ScaledImageDecoder limited =
        ScaledImageDecoder.create(ImageDecoder.builder().maxPixels(1_000_000).build());
    // 4000 x 2661 declared: refused even though a 1/8 decode would be small.
    assertThatThrownBy(() -> limited.decode(SharedData.data("formats/large-4000px.jpg"), 224))
        .isInstanceOf(ImageDecodeException.class)
        .satisfies(e -> assertThat(((ImageDecodeException) e).reason())
            .isEqualTo(ImageDecodeException.Reason.TOO_MANY_PIXELS));
  }

  @Test
  void aNegativeShortSideIsRejected() {
    assertThatThrownBy(() -> FAST.decode(SharedData.data("formats/baseline.jpg"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  /**
   * Any two-step downscale moves this int8 model's vectors a little (cosine 0.97–0.99 on these
   * photos): the reduced decode must move them no more than an exact area-average downscale of the
   * full decode to the same size does.
   */
  @Test
  void embeddingsOfReducedDecodesMoveNoMoreThanAnAreaAverageDownscale() throws Exception {
    assumeTrue(FAST.usesTurboJpeg(), ScaledImageDecoder.turboJpegStatus());
    List<Path> files = new ArrayList<>();
    files.add(SharedData.data("formats/large-4000px.jpg"));
    for (String photo : List.of("retina.jpg", "hubble_deep_field.jpg", "building.jpg",
        "starry_night.jpg", "baboon.jpg")) {
      files.add(SharedData.data("photos/" + photo));
    }
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build()) {
      int shortSide = embedder.preprocessing().minimumShortSide();
      for (Path file : files) {
        BufferedImage fullImage = DECODER.decode(file);
        BufferedImage reducedImage = FAST.decode(file, shortSide);
        assertThat(reducedImage.getWidth()).isLessThan(fullImage.getWidth());
        BufferedImage area = new BufferedImage(
            reducedImage.getWidth(), reducedImage.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        area.getGraphics().drawImage(fullImage.getScaledInstance(reducedImage.getWidth(),
            reducedImage.getHeight(), java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        float[] full = embedder.embed(fullImage);
        double reduced = dot(full, embedder.embed(reducedImage));
        double areaAverage = dot(full, embedder.embed(area));
        System.out.printf("%-22s %4dx%-4d cosine to the full decode: reduced %.4f, area %.4f%n",
            file.getFileName(), reducedImage.getWidth(), reducedImage.getHeight(), reduced,
            areaAverage);
        assertThat(reduced).as(file.toString()).isGreaterThan(areaAverage - 0.01);
      }
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** A copy of a big-endian EXIF JPEG with its IFD0 orientation value replaced. */
  private static byte[] withOrientation(byte[] jpeg, int orientation) {
    byte[] copy = jpeg.clone();
    for (int i = 0; i + 10 < copy.length; i++) {
      if (copy[i] == 0x01 && copy[i + 1] == 0x12 && copy[i + 2] == 0 && copy[i + 3] == 3) {
        copy[i + 9] = (byte) orientation;
        return copy;
      }
    }
    throw new AssertionError("no orientation tag found");
  }

  private interface Decode {
    void run() throws Exception;
  }

  private static ImageDecodeException.Reason reasonOf(Decode decode) {
    try {
      decode.run();
    } catch (ImageDecodeException e) {
      return e.reason();
    } catch (Exception e) {
      throw new AssertionError("unexpected " + e, e);
    }
    throw new AssertionError("expected a decode failure");
  }

  private static byte[] pixels(BufferedImage image) {
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }

  private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
    byte[] pa = pixels(a);
    byte[] pb = pixels(b);
    long sum = 0;
    for (int i = 0; i < pa.length; i++) {
      sum += Math.abs((pa[i] & 0xFF) - (pb[i] & 0xFF));
    }
    return (double) sum / pa.length;
  }

  private static double meanAbsDiffToBlockAverage(BufferedImage reduced, BufferedImage full,
      int block) {
    byte[] r = pixels(reduced);
    byte[] f = pixels(full);
    long sum = 0;
    long count = 0;
    int fullWidth = full.getWidth();
    for (int y = 0; y < full.getHeight() / block; y++) {
      for (int x = 0; x < fullWidth / block; x++) {
        for (int c = 0; c < 3; c++) {
          int total = 0;
          for (int dy = 0; dy < block; dy++) {
            for (int dx = 0; dx < block; dx++) {
              total += f[((y * block + dy) * fullWidth + x * block + dx) * 3 + c] & 0xFF;
            }
          }
          int average = Math.round(total / (float) (block * block));
          sum += Math.abs(average - (r[(y * reduced.getWidth() + x) * 3 + c] & 0xFF));
          count++;
        }
      }
    }
    return (double) sum / count;
  }
}
