package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.embed.onnx.Preprocessing.Encoding;
import dev.visualsearch.embed.onnx.Preprocessing.Geometry;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast path — resampled rows encoded straight into the tensor buffer, mirrored views written
 * from the rows of their plain view — equals the general path: the whole resampled image ({@link
 * ImagePreprocessor#resample}), mirrored with {@link ImagePreprocessor#mirror}, encoded here
 * element by element with the documented formulas. Awkward sizes: 1-pixel images and outputs,
 * odd widths, scale factors from 1/200 to 300.
 */
class RowWritingTest {

  @ParameterizedTest(name = "{0}x{1} -> {3} by {2}, {4} {5} {6}")
  @CsvSource({
    "1, 1, SQUASH, 7, NCHW, FLOAT, IMAGENET_MEAN_STD",
    "1, 1, CENTER_CROP, 1, NHWC, UINT8, RAW_UINT8",
    "1, 300, CENTER_CROP, 5, NHWC, FLOAT, SYMMETRIC",
    "3000, 1, SQUASH, 13, NCHW, UINT8, RAW_UINT8",
    "2, 3, CENTER_CROP, 224, NCHW, FLOAT, IMAGENET_MEAN_STD",
    "13, 7, SQUASH, 31, NHWC, UINT8, RAW_UINT8",
    "171, 200, CENTER_CROP, 224, NCHW, FLOAT, IMAGENET_MEAN_STD",
    "435, 374, CENTER_CROP, 224, NHWC, UINT8, RAW_UINT8",
    "517, 233, CENTER_CROP, 33, NCHW, FLOAT, SYMMETRIC",
    "2001, 1499, CENTER_CROP, 10, NCHW, FLOAT, IMAGENET_MEAN_STD",
    "97, 131, SQUASH, 40, NHWC, FLOAT, IMAGENET_MEAN_STD",
    "300, 20, SQUASH, 1, NCHW, UINT8, RAW_UINT8"
  })
  void writingRowsEqualsEncodingTheResampledImage(int width, int height, Geometry geometry,
      int size, TensorLayout layout, InputElementType type, Encoding encoding) {
    long seed = new Random().nextLong();
    System.out.printf("%dx%d -> %d %s %s %s: seed %d%n", width, height, size, geometry, layout,
        type, seed);
    Random random = new Random(seed);
    BufferedImage image = TestImages.bgr(width, height, (x, y) -> random.nextInt(1 << 24));
    Preprocessing preprocessing = Preprocessing.of(geometry, encoding).withSize(size);
    ImagePreprocessor preprocessor = new ImagePreprocessor(preprocessing, layout, type);

    // The plain preprocessing, at slot 1 of 2 (slot 0 must stay untouched).
    ByteBuffer one = buffer(2 * preprocessor.bytesPerImage());
    preprocessor.write(image, one, 1);
    float[] plain = preprocessor.resample(image);
    assertSlot(one, 1, expected(plain, encoding, layout, size), type, layout, size, seed);
    assertSlot(one, 0, new float[3 * size * size], type, layout, size, seed);

    // Flip + multi-scale: six views, each mirror written from its plain view's rows.
    ImageViews views = ImageViews.of(true, true, geometry);
    ByteBuffer all = buffer(views.count() * preprocessor.bytesPerImage());
    preprocessor.writeViews(image, views, all, 0);
    RgbRows rows = RgbRows.of(image);
    SourceRegion region = SourceRegion.of(preprocessing, width, height);
    for (int v = 0; v < views.count(); v++) {
      ImageViews.View view = views.get(v);
      float[] rgb = ImageResampler.resample(
          rows, region.zoomed(view.zoom(), width, height), size, size);
      if (view.mirrored()) {
        ImagePreprocessor.mirror(rgb, size);
      }
      assertSlot(all, v, expected(rgb, encoding, layout, size), type, layout, size, seed);
    }
  }

  /** The tensor of one image from its HWC RGB values, by the formulas of {@link Encoding}. */
  private static float[] expected(float[] rgb, Encoding encoding, TensorLayout layout,
      int size) {
    float[] out = new float[rgb.length];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        for (int c = 0; c < 3; c++) {
          float v = rgb[(y * size + x) * 3 + c];
          float value;
          switch (encoding) {
            case IMAGENET_MEAN_STD:
              value = (v / 255f - Preprocessing.IMAGENET_MEAN[c]) / Preprocessing.IMAGENET_STD[c];
              break;
            case SYMMETRIC:
              value = v / 127.5f - 1f;
              break;
            default:
              value = Math.min(255, Math.max(0, Math.round(v)));
          }
          out[layout.offset(0, c, y, x, size)] = value;
        }
      }
    }
    return out;
  }

  private static void assertSlot(ByteBuffer buffer, int slot, float[] expected,
      InputElementType type, TensorLayout layout, int size, long seed) {
    int elements = 3 * size * size;
    float[] actual = new float[elements];
    for (int i = 0; i < elements; i++) {
      int element = slot * elements + i;
      actual[i] = type == InputElementType.FLOAT
          ? buffer.getFloat(element * Float.BYTES)
          : buffer.get(element) & 0xFF;
    }
    // Float: the formulas above round differently from the folded multiply-add, by an ulp or so.
    float tolerance = type == InputElementType.FLOAT ? 1e-5f : 0f;
    for (int i = 0; i < elements; i++) { // a loop: assertj on 150 000 floats takes seconds
      if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
        assertThat(actual[i]).as("element %d of slot %d, %s, seed %d", i, slot, layout, seed)
            .isEqualTo(expected[i]);
      }
    }
  }

  private static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }
}
