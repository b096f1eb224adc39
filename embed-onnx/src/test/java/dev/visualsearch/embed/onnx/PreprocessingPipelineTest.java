package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.embed.onnx.Preprocessing.Encoding;
import dev.visualsearch.embed.onnx.Preprocessing.Geometry;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Preprocessing on synthetic images whose expected tensors are computed here, independently of
 * the code under test.
 */
class PreprocessingPipelineTest {

  private static final int RED = TestImages.rgb(255, 0, 0);
  private static final int BLUE = TestImages.rgb(0, 0, 255);

  @Test
  void constantColourBecomesTheEncodedColourInEveryElement() {
    int r = 10;
    int g = 128;
    int b = 250;
    BufferedImage image = TestImages.constant(300, 200, TestImages.rgb(r, g, b));

    float[] torchvision = encode(image, Preprocessing.torchvision(), TensorLayout.NCHW,
        InputElementType.FLOAT, 32);
    float[] expected = {
      (r / 255f - 0.485f) / 0.229f, (g / 255f - 0.456f) / 0.224f, (b / 255f - 0.406f) / 0.225f
    };
    for (int i = 0; i < torchvision.length; i++) {
      int channel = i / (32 * 32); // NCHW: channel planes one after another
      assertThat(torchvision[i]).isCloseTo(expected[channel], within(1e-4f));
    }

    float[] symmetric = encode(image, Preprocessing.keras(), TensorLayout.NHWC,
        InputElementType.FLOAT, 32);
    float[] expectedSymmetric = {r / 127.5f - 1, g / 127.5f - 1, b / 127.5f - 1};
    for (int i = 0; i < symmetric.length; i++) {
      assertThat(symmetric[i]).isCloseTo(expectedSymmetric[i % 3], within(1e-5f));
    }

    float[] raw = encode(image, Preprocessing.rawUint8(), TensorLayout.NHWC,
        InputElementType.UINT8, 32);
    for (int i = 0; i < raw.length; i++) {
      assertThat(raw[i]).isEqualTo(new float[] {r, g, b}[i % 3]);
    }
  }

  @Test
  void twoPixelCheckerboardShrunkFourTimesIsItsAreaMean() {
    // 2x2 blocks of 20 and 220; every 4x4 block holds two of each, mean 120.
    BufferedImage image = TestImages.bgr(64, 64, (x, y) -> {
      int v = ((x / 2 + y / 2) % 2 == 0) ? 20 : 220;
      return TestImages.rgb(v, v, v);
    });
    Preprocessing squash = Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(16);
    float[] out = new ImagePreprocessor(squash, TensorLayout.NHWC, InputElementType.UINT8)
        .resample(image);
    // Away from the border (where the filter loses taps) the triangle filter's weights over the
    // 8 pixels it reads split evenly between the two values.
    for (int y = 1; y < 15; y++) {
      for (int x = 1; x < 15; x++) {
        for (int c = 0; c < 3; c++) {
          assertThat(out[(y * 16 + x) * 3 + c]).isCloseTo(120f, within(1e-3f));
        }
      }
    }
    // And everywhere, border included, equal to a direct (non-separable) evaluation.
    float[] reference = referenceResample(image, 0, 0, 64, 64, 16, 16);
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).isCloseTo(reference[i], within(1e-3f));
    }
  }

  @Test
  void centerCropDropsTheBordersAndSquashKeepsThem() {
    // 400x200, red left of x=150, blue from there. Centre crop to 224: the short side 200 becomes
    // 256, the long one 512, and the crop starts at (512-224)/2 = 144 in resized pixels, so the
    // red edge (150 -> 192 resized) lands at output column 192 - 144 = 48.
    BufferedImage image = TestImages.bgr(400, 200, (x, y) -> x < 150 ? RED : BLUE);
    float[] crop = resample(image, Preprocessing.rawUint8().withSize(224));
    assertColumns(crop, 224, 0, 47, 255, 0);
    assertColumns(crop, 224, 49, 224, 0, 255);

    // Squash keeps the whole width: the edge at 150/400 of 224 = column 84.
    float[] squash = resample(image,
        Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(224));
    assertColumns(squash, 224, 0, 83, 255, 0);
    assertColumns(squash, 224, 85, 224, 0, 255);
  }

  @Test
  void centerCropOfATallImageKeepsTheMiddleRows() {
    // 200x400, red above y=100 (a quarter): resized 256x512, crop rows 144..368 of the resized
    // image; the red edge (128 resized) is above the crop: everything is blue.
    BufferedImage image = TestImages.bgr(200, 400, (x, y) -> y < 100 ? RED : BLUE);
    float[] crop = resample(image, Preprocessing.rawUint8().withSize(224));
    for (int i = 0; i < crop.length; i += 3) {
      assertThat(new float[] {crop[i], crop[i + 1], crop[i + 2]})
          .containsExactly(new float[] {0f, 0f, 255f}, org.assertj.core.data.Offset.offset(1e-3f));
    }
  }

  @Test
  void layoutsPlaceAKnownPixelWhereTheyShould() {
    // Same size in and out: resampling is the identity, so one pixel stays one pixel.
    int size = 16;
    BufferedImage image = TestImages.bgr(size, size,
        (x, y) -> x == 5 && y == 7 ? TestImages.rgb(11, 22, 33) : 0);
    Preprocessing squash = Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(size);

    ImagePreprocessor nhwc = new ImagePreprocessor(squash, TensorLayout.NHWC,
        InputElementType.UINT8);
    ByteBuffer bytes = buffer(2 * nhwc.bytesPerImage());
    nhwc.write(image, bytes, 1); // the second image of a batch of two
    int base = size * size * 3;
    for (int c = 0; c < 3; c++) {
      assertThat(bytes.get(base + (7 * size + 5) * 3 + c) & 0xFF).isEqualTo(11 * (c + 1));
    }
    assertThat(bytes.get(base + (7 * size + 6) * 3)).isZero();
    assertThat(bytes.get((7 * size + 5) * 3)).as("first image untouched").isZero();

    ImagePreprocessor nchw = new ImagePreprocessor(
        squash.withEncoding(Encoding.SYMMETRIC), TensorLayout.NCHW, InputElementType.FLOAT);
    ByteBuffer floats = buffer(2 * nchw.bytesPerImage());
    nchw.write(image, floats, 1);
    int plane = size * size;
    for (int c = 0; c < 3; c++) {
      int element = (3 + c) * plane + 7 * size + 5; // image 1, channel c, row 7, column 5
      assertThat(floats.getFloat(element * 4)).isCloseTo(11 * (c + 1) / 127.5f - 1, within(1e-6f));
    }
    assertThat(floats.getFloat((3 * plane + 7 * size + 6) * 4)).isEqualTo(-1f);
  }

  @Test
  void onePixelCheckerboardShrunkTenTimesComesOutUniformGrey() {
    BufferedImage image = TestImages.bgr(2000, 2000,
        (x, y) -> (x + y) % 2 == 0 ? 0 : TestImages.rgb(255, 255, 255));
    float[] out = resample(image,
        Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(224));
    double[] stats = stats(out);
    System.out.printf("antialiased 2000 -> 224: mean %.2f, std %.3f, min %.1f, max %.1f%n",
        stats[0], stats[1], stats[2], stats[3]);
    assertThat(stats[0]).isCloseTo(127.5, within(1.0));
    assertThat(stats[1]).isLessThan(2.0);
    assertThat(stats[2]).isGreaterThan(115);
    assertThat(stats[3]).isLessThan(140);

    // A single bilinear step (Java2D) reads only 4 pixels per output pixel: it aliases.
    BufferedImage naive = new BufferedImage(224, 224, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = naive.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, 224, 224, null);
    g.dispose();
    float[] naivePixels = resample(naive,
        Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(224));
    double[] naiveStats = stats(naivePixels);
    System.out.printf("naive bilinear 2000 -> 224: mean %.2f, std %.3f%n",
        naiveStats[0], naiveStats[1]);
    assertThat(naiveStats[1]).isGreaterThan(20.0);
  }

  @Test
  void otherImageTypesGiveTheSamePixelsAsThreeByteBgr() {
    TestImages.PixelFunction pattern = (x, y) -> TestImages.rgb(x * 7 % 256, y * 5 % 256,
        (x * y) % 256);
    BufferedImage bgr = TestImages.bgr(90, 70, pattern);
    BufferedImage intRgb = new BufferedImage(90, 70, BufferedImage.TYPE_INT_RGB);
    BufferedImage intArgb = new BufferedImage(90, 70, BufferedImage.TYPE_INT_ARGB);
    BufferedImage byteAbgr = new BufferedImage(90, 70, BufferedImage.TYPE_4BYTE_ABGR);
    BufferedImage gray = new BufferedImage(90, 70, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 70; y++) {
      for (int x = 0; x < 90; x++) {
        intRgb.setRGB(x, y, pattern.at(x, y));
        intArgb.setRGB(x, y, 0xFF000000 | pattern.at(x, y));
        byteAbgr.setRGB(x, y, 0xFF000000 | pattern.at(x, y));
        gray.getRaster().setSample(x, y, 0, x * 7 % 256); // raw raster value, no colour space
      }
    }
    Preprocessing squash = Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(32);
    float[] expected = resample(bgr, squash);
    assertThat(resample(intRgb, squash)).containsExactly(expected);
    assertThat(resample(intArgb, squash)).containsExactly(expected);
    assertThat(resample(byteAbgr, squash)).containsExactly(expected);
    float[] grayOut = resample(gray, squash);
    for (int i = 0; i < grayOut.length; i += 3) {
      assertThat(grayOut[i]).isEqualTo(expected[i]); // red channel of the pattern = gray value
      assertThat(grayOut[i + 1]).isEqualTo(grayOut[i]);
      assertThat(grayOut[i + 2]).isEqualTo(grayOut[i]);
    }
  }

  @ParameterizedTest(name = "image type {0}")
  @ValueSource(ints = {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR})
  void transparentPixelsAreCompositedOnWhite(int type) {
    BufferedImage argb = new BufferedImage(20, 20, type);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        argb.setRGB(x, y, x < 10 ? 0x00000000 : 0x80000000); // transparent, half-opaque black
      }
    }
    float[] out = resample(argb,
        Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(20));
    assertThat(out[0]).isEqualTo(255f);
    assertThat(out[(19 * 20 + 19) * 3]).isCloseTo(255f * (1 - 128 / 255f), within(1e-3f));
  }

  @ParameterizedTest(name = "{0}x{1} -> {3} by {2}")
  @CsvSource({
    "3000, 50, SQUASH, 16",
    "50, 3000, CENTER_CROP, 16",
    "30, 20, CENTER_CROP, 24",
    "517, 233, CENTER_CROP, 32",
    "97, 131, SQUASH, 40"
  })
  void resamplingEqualsADirectTwoDimensionalEvaluation(int width, int height, Geometry geometry,
      int size) {
    long seed = 31L * width + height;
    java.util.Random random = new java.util.Random(seed);
    BufferedImage image = TestImages.bgr(width, height, (x, y) -> random.nextInt(1 << 24));
    Preprocessing preprocessing = Preprocessing.of(geometry, Encoding.RAW_UINT8).withSize(size);
    SourceRegion region = SourceRegion.of(preprocessing, width, height);
    float[] out = resample(image, preprocessing);
    float[] reference = referenceResample(image, region.x0(), region.y0(), region.x1(),
        region.y1(), size, size);
    assertThat(out).as("random image, seed %d", seed)
        .containsExactly(reference, org.assertj.core.data.Offset.offset(2e-3f));
  }

  @Test
  void aSubImageReadsOnlyItsOwnPixels() {
    BufferedImage parent = TestImages.bgr(100, 100,
        (x, y) -> x >= 40 && x < 60 && y >= 30 && y < 50 ? BLUE : RED);
    BufferedImage sub = parent.getSubimage(40, 30, 20, 20);
    float[] out = resample(sub, Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8)
        .withSize(20));
    for (int i = 0; i < out.length; i += 3) {
      assertThat(new float[] {out[i], out[i + 1], out[i + 2]})
          .containsExactly(new float[] {0f, 0f, 255f}, org.assertj.core.data.Offset.offset(1e-3f));
    }
  }

  @Test
  void upscalingATinyImageInterpolatesBetweenPixels() {
    BufferedImage image = TestImages.bgr(2, 1, (x, y) -> x == 0 ? 0 : TestImages.rgb(200, 200,
        200));
    float[] out = resample(image,
        Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(8));
    float[] reference = referenceResample(image, 0, 0, 2, 1, 8, 8);
    assertThat(out).containsExactly(reference, org.assertj.core.data.Offset.offset(1e-3f));
    assertThat(out[0]).isZero(); // the outermost samples clamp to the edge pixels
    assertThat(out[7 * 3]).isEqualTo(200f);
    assertThat(out[3 * 3]).isStrictlyBetween(0f, 200f);
  }

  // --- helpers -------------------------------------------------------------------------------

  private static float[] resample(BufferedImage image, Preprocessing preprocessing) {
    return new ImagePreprocessor(preprocessing, TensorLayout.NHWC, InputElementType.UINT8)
        .resample(image);
  }

  private static float[] encode(BufferedImage image, Preprocessing preprocessing,
      TensorLayout layout, InputElementType type, int size) {
    ImagePreprocessor preprocessor = new ImagePreprocessor(preprocessing.withSize(size), layout,
        type);
    ByteBuffer buffer = buffer(preprocessor.bytesPerImage());
    preprocessor.write(image, buffer, 0);
    float[] values = new float[3 * size * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = type == InputElementType.FLOAT ? buffer.getFloat(i * 4) : buffer.get(i) & 0xFF;
    }
    return values;
  }

  private static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  private static void assertColumns(float[] hwc, int size, int from, int to, float red,
      float blue) {
    for (int y = 0; y < size; y++) {
      for (int x = from; x < to; x++) {
        int p = (y * size + x) * 3;
        assertThat(hwc[p]).as("red at (%d,%d)", x, y).isCloseTo(red, within(1e-3f));
        assertThat(hwc[p + 2]).as("blue at (%d,%d)", x, y).isCloseTo(blue, within(1e-3f));
      }
    }
  }

  /**
   * Triangle-filter resampling evaluated directly in 2-d: each output pixel is the normalised
   * sum over all source pixels of tri(dx / sx) * tri(dy / sy), with the filter widened by the
   * scale when shrinking.
   */
  static float[] referenceResample(BufferedImage image, double x0, double y0, double x1,
      double y1, int outWidth, int outHeight) {
    double scaleX = (x1 - x0) / outWidth;
    double scaleY = (y1 - y0) / outHeight;
    double filterX = Math.max(1, scaleX);
    double filterY = Math.max(1, scaleY);
    float[] out = new float[outWidth * outHeight * 3];
    for (int oy = 0; oy < outHeight; oy++) {
      double cy = y0 + (oy + 0.5) * scaleY;
      for (int ox = 0; ox < outWidth; ox++) {
        double cx = x0 + (ox + 0.5) * scaleX;
        double[] sum = new double[3];
        double total = 0;
        for (int sy = 0; sy < image.getHeight(); sy++) {
          double wy = Math.max(0, 1 - Math.abs((sy + 0.5 - cy) / filterY));
          if (wy == 0) {
            continue;
          }
          for (int sx = 0; sx < image.getWidth(); sx++) {
            double w = wy * Math.max(0, 1 - Math.abs((sx + 0.5 - cx) / filterX));
            if (w == 0) {
              continue;
            }
            int rgb = image.getRGB(sx, sy);
            sum[0] += w * ((rgb >> 16) & 0xFF);
            sum[1] += w * ((rgb >> 8) & 0xFF);
            sum[2] += w * (rgb & 0xFF);
            total += w;
          }
        }
        for (int c = 0; c < 3; c++) {
          out[(oy * outWidth + ox) * 3 + c] = (float) (sum[c] / total);
        }
      }
    }
    return out;
  }

  private static double[] stats(float[] values) {
    double sum = 0;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (float v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / values.length;
    double squares = 0;
    for (float v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(squares / values.length), min, max};
  }
}
