package dev.visualsearch.image;

import static dev.visualsearch.image.TestImages.meanAbsDiff;
import static dev.visualsearch.image.TestImages.thumbnail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every good file in {@code shared/data/formats} shows the same photo as {@code baseline.jpg}
 * (checked by eye on thumbnails): they must decode to pictures that match it.
 *
 * <p>The match is the mean absolute difference of 32×32 area-average thumbnails, in 8-bit levels.
 * Measured: the same photo through other encoders differs by 0.15 (lossless) to 2.8 (lossy WebP);
 * the nearest different photo in {@code shared/data/photos} by 37, the EXIF image left unrotated
 * by 31. A tolerance of {@value #SAME_PHOTO} levels leaves room for other JPEG decoders on either
 * side and is still four times below the nearest control.
 */
class ImageDecoderFormatsTest {

  static final double SAME_PHOTO = 8.0;
  private static final int THUMB = 32;

  private static final ImageDecoder DECODER = ImageDecoder.defaults();
  private static double[] baseline;

  @BeforeAll
  static void decodeBaseline() throws IOException {
    baseline = thumbnail(DECODER.decode(formats("baseline.jpg")), THUMB);
  }

  static Stream<String> goodFiles() throws IOException {
    try (Stream<Path> files = Files.list(SharedData.data("formats"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("bad-"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("goodFiles")
  void everyGoodFileDecodesToPackedThreeByteBgr(String name) throws IOException {
    BufferedImage image = DECODER.decode(formats(name));

    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(image.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
    assertThat(RgbConversion.isPackedBgr(image)).isTrue();
    int[] expectedSize = switch (name) {
      case "tiny-8x8.png" -> new int[] {8, 8};
      case "large-4000px.jpg" -> new int[] {4000, 2661};
      default -> new int[] {451, 300}; // baseline's size, EXIF image included once upright
    };
    assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(expectedSize);
  }

  @ParameterizedTest
  @ValueSource(strings = {"baseline.jpg", "cmyk.jpg", "exif-orientation-6.jpg", "image.bmp",
      "image.gif", "large-4000px.jpg", "lossless.webp", "lossy.webp", "lzw.tif", "palette.png",
      "progressive.jpg", "rgb.png", "rgb16.png"})
  void colourFilesMatchTheBaselinePhoto(String name) throws IOException {
    double difference = meanAbsDiff(thumbnail(DECODER.decode(formats(name)), THUMB), baseline);

    assertThat(difference).as("%s vs baseline.jpg", name).isLessThan(SAME_PHOTO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gray.jpg", "gray.png"})
  void grayFilesMatchTheBaselineLumaWithEqualChannels(String name) throws IOException {
    BufferedImage image = DECODER.decode(formats(name));

    assertThat(IntStream.of(TestImages.pixels(image))
            .filter(rgb -> (rgb >> 16 & 0xFF) != (rgb & 0xFF) || (rgb >> 8 & 0xFF) != (rgb & 0xFF))
            .mapToObj(Integer::toHexString))
        .as("pixels whose R, G and B differ")
        .isEmpty();
    double difference = meanAbsDiff(thumbnail(image, THUMB), TestImages.luma(baseline));
    assertThat(difference).as("%s vs luma of baseline.jpg", name).isLessThan(SAME_PHOTO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gray.jpg", "gray.png"})
  void grayValuesAreTheStoredSamplesNotBrightened(String name) throws IOException {
    BufferedImage raw = ImageIO.read(formats(name).toFile());
    assertThat(raw.getRaster().getNumBands()).isEqualTo(1);

    BufferedImage image = DECODER.decode(formats(name));

    Raster samples = raw.getRaster();
    int[] expected = new int[raw.getWidth() * raw.getHeight()];
    long storedSum = 0;
    long brightenedSum = 0;
    for (int y = 0, i = 0; y < raw.getHeight(); y++) {
      for (int x = 0; x < raw.getWidth(); x++, i++) {
        int stored = samples.getSample(x, y, 0);
        expected[i] = stored << 16 | stored << 8 | stored;
        storedSum += stored;
        brightenedSum += raw.getRGB(x, y) & 0xFF;
      }
    }
    assertThat(TestImages.pixels(image)).isEqualTo(expected);
    // The control: the getRGB route really is brighter, so the check above can tell them apart.
    assertThat(brightenedSum).isGreaterThan(storedSum + 20L * raw.getWidth() * raw.getHeight());
  }

  @Test
  void rgbaIsCompositedOverWhite() throws IOException {
    BufferedImage raw = ImageIO.read(formats("rgba.png").toFile());
    assertThat(raw.getColorModel().hasAlpha()).isTrue();

    BufferedImage image = DECODER.decode(formats("rgba.png"));

    // Exact, pixel by pixel, against 255·(c·α + 1 − α) computed in floating point.
    Raster samples = raw.getRaster();
    int[] expected = new int[raw.getWidth() * raw.getHeight()];
    for (int y = 0, i = 0; y < raw.getHeight(); y++) {
      for (int x = 0; x < raw.getWidth(); x++, i++) {
        double alpha = samples.getSample(x, y, 3) / 255.0;
        for (int c = 0; c < 3; c++) {
          long value = Math.round(255 * (samples.getSample(x, y, c) / 255.0 * alpha + 1 - alpha));
          expected[i] |= (int) value << (16 - 8 * c);
        }
      }
    }
    assertThat(TestImages.pixels(image)).isEqualTo(expected);
    // The file's alpha is 154 everywhere, so it shows the baseline photo washed out towards white.
    assertThat(samples.getSample(0, 0, 3)).isEqualTo(154);
    double[] washedOut = baseline.clone();
    for (int i = 0; i < washedOut.length; i++) {
      washedOut[i] = washedOut[i] * 154 / 255 + 255.0 * 101 / 255;
    }
    assertThat(meanAbsDiff(thumbnail(image, THUMB), washedOut)).isLessThan(SAME_PHOTO);
    assertThat(meanAbsDiff(thumbnail(image, THUMB), baseline)).isGreaterThan(SAME_PHOTO);
  }

  @Test
  void rgb16IsReducedToTheSameBytesAsRgb8() throws IOException {
    // rgb16.png stores every sample of rgb.png multiplied by 257, so rounding must recover them.
    BufferedImage sixteen = DECODER.decode(formats("rgb16.png"));
    BufferedImage eight = DECODER.decode(formats("rgb.png"));

    assertThat(ImageIO.read(formats("rgb16.png").toFile()).getColorModel().getComponentSize(0))
        .isEqualTo(16);
    assertThat(TestImages.pixels(sixteen)).isEqualTo(TestImages.pixels(eight));
  }

  @ParameterizedTest
  @ValueSource(strings = {"palette.png", "image.gif", "tiny-8x8.png"})
  void palettesAreExpandedExactly(String name) throws IOException {
    BufferedImage raw = ImageIO.read(formats(name).toFile());
    assertThat(raw.getType()).isEqualTo(BufferedImage.TYPE_BYTE_INDEXED);

    BufferedImage image = DECODER.decode(formats(name));

    // Palettes are sRGB, so getRGB is the exact reference here.
    assertThat(TestImages.pixels(image)).isEqualTo(TestImages.pixels(raw));
  }

  @Test
  void tinyImageMatchesTheBaselineAtItsOwnSize() throws IOException {
    BufferedImage tiny = DECODER.decode(formats("tiny-8x8.png"));
    BufferedImage base = DECODER.decode(formats("baseline.jpg"));

    double difference = meanAbsDiff(thumbnail(tiny, 8), thumbnail(base, 8));

    assertThat(difference).isLessThan(SAME_PHOTO);
  }

  @Test
  void twelveMonkeysConvertsCmykToRgbByItself() throws IOException {
    // The reader on the test class path, not our code, turns CMYK into RGB.
    BufferedImage raw = ImageIO.read(formats("cmyk.jpg").toFile());

    assertThat(raw.getColorModel().getNumColorComponents()).isEqualTo(3);
    assertThat(raw.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
  }

  @Test
  void theComparisonFailsForADifferentPhoto() throws IOException {
    double difference = meanAbsDiff(
        thumbnail(DECODER.decode(SharedData.data("photos/baboon.jpg")), THUMB), baseline);

    assertThat(difference).isGreaterThan(3 * SAME_PHOTO);
  }

  @Test
  void exifImageIsTurnedUpright() throws IOException {
    BufferedImage stored = ImageIO.read(formats("exif-orientation-6.jpg").toFile());

    BufferedImage upright = DECODER.decode(formats("exif-orientation-6.jpg"));

    assertThat(new int[] {stored.getWidth(), stored.getHeight()}).containsExactly(300, 451);
    assertThat(new int[] {upright.getWidth(), upright.getHeight()}).containsExactly(451, 300);
    assertThat(meanAbsDiff(thumbnail(upright, THUMB), baseline)).isLessThan(SAME_PHOTO);
    // Controls: the stored pixels as they are, or turned the wrong way, are not the baseline.
    assertThat(meanAbsDiff(thumbnail(stored, THUMB), baseline)).isGreaterThan(3 * SAME_PHOTO);
    BufferedImage wrongWay = Orientation.apply(ImageDecoder.toRgb(stored), 8);
    assertThat(meanAbsDiff(thumbnail(wrongWay, THUMB), baseline)).isGreaterThan(3 * SAME_PHOTO);
  }

  @ParameterizedTest
  @MethodSource("goodFiles")
  void decodingAStreamGivesTheSamePixelsAsDecodingThePath(String name) throws IOException {
    BufferedImage fromPath = DECODER.decode(formats(name));
    BufferedImage fromStream;
    try (InputStream in = Files.newInputStream(formats(name))) {
      fromStream = DECODER.decode(in, name);
    }

    assertThat(fromStream.getWidth()).isEqualTo(fromPath.getWidth());
    assertThat(fromStream.getHeight()).isEqualTo(fromPath.getHeight());
    assertThat(RgbConversion.bgrBytes(fromStream)).isEqualTo(RgbConversion.bgrBytes(fromPath));
  }

  static Path formats(String name) {
    return SharedData.data("formats/" + name);
  }
}
