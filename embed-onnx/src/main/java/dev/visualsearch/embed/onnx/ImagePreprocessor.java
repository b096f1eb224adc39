package dev.visualsearch.embed.onnx;

import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns one image into one slot of a model input buffer: region ({@link SourceRegion}) →
 * antialiased resample ({@link ImageResampler}) → encoding and layout ({@link TensorWriter}).
 *
 * <p>Immutable and thread-safe.
 */
final class ImagePreprocessor {

  private final Preprocessing preprocessing;
  private final TensorWriter writer;

  /** @param preprocessing a preprocessing whose size is set */
  ImagePreprocessor(Preprocessing preprocessing, TensorLayout layout, InputElementType type) {
    this.preprocessing = preprocessing;
    this.writer =
        new TensorWriter(layout, type, preprocessing.encoding(), preprocessing.requireSize());
  }

  /** The bytes one image takes in the input buffer. */
  int bytesPerImage() {
    return writer.bytesPerImage();
  }

  /** Writes {@code image} at position {@code batchIndex} of {@code buffer}. */
  void write(BufferedImage image, ByteBuffer buffer, int batchIndex) {
    RgbRows rows = rows(image);
    int size = preprocessing.requireSize();
    SourceRegion region = SourceRegion.of(preprocessing, rows.width, rows.height);
    TensorWriter.Rows out = writer.rows(buffer);
    ImageResampler.resample(rows, region, size, size,
        (y, planes) -> out.write(planes, y, batchIndex, false));
  }

  /**
   * Writes each view of {@code image} at consecutive positions of {@code buffer} from {@code
   * firstIndex}; the image's pixels are read once per zoom. Each resampled row goes straight into
   * the buffer (no intermediate image); a mirrored view that follows the plain view of its zoom
   * is written from the same rows, right to left, without a second resample.
   */
  void writeViews(BufferedImage image, ImageViews views, ByteBuffer buffer, int firstIndex) {
    RgbRows rows = rows(image);
    int size = preprocessing.requireSize();
    SourceRegion region = SourceRegion.of(preprocessing, rows.width, rows.height);
    TensorWriter.Rows out = writer.rows(buffer);
    for (int v = 0; v < views.count(); v++) {
      ImageViews.View view = views.get(v);
      boolean pairedMirror = !view.mirrored() && v + 1 < views.count()
          && views.get(v + 1).mirrored() && views.get(v + 1).zoom() == view.zoom();
      int slot = firstIndex + v;
      boolean mirrored = view.mirrored();
      ImageResampler.resample(rows, region.zoomed(view.zoom(), rows.width, rows.height), size,
          size, (y, planes) -> {
            out.write(planes, y, slot, mirrored);
            if (pairedMirror) {
              out.write(planes, y, slot + 1, true);
            }
          });
      if (pairedMirror) {
        v++;
      }
    }
  }

  /** Swaps each row of an HWC RGB image left-right, in place. */
  static void mirror(float[] rgb, int size) {
    for (int y = 0; y < size; y++) {
      int row = y * size * 3;
      for (int left = 0, right = size - 1; left < right; left++, right--) {
        for (int c = 0; c < 3; c++) {
          int a = row + left * 3 + c;
          int b = row + right * 3 + c;
          float t = rgb[a];
          rgb[a] = rgb[b];
          rgb[b] = t;
        }
      }
    }
  }

  /** The resampled RGB pixels (HWC, 0..255) of {@code image}, before encoding. */
  float[] resample(BufferedImage image) {
    RgbRows rows = rows(image);
    int size = preprocessing.requireSize();
    SourceRegion region = SourceRegion.of(preprocessing, rows.width, rows.height);
    return ImageResampler.resample(rows, region, size, size);
  }

  private static RgbRows rows(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    RgbRows rows = RgbRows.of(image);
    if (rows == null) {
      // Palettes, 16-bit, CMYK, premultiplied alpha...: one conversion to TYPE_3BYTE_BGR,
      // alpha over white, then the fast path.
      BufferedImage rgb = ImageDecoder.toRgb(image);
      rows = RgbRows.of(rgb);
      if (rows == null) {
        throw new IllegalStateException(
            "ImageDecoder.toRgb returned an image of type " + rgb.getType()
                + ", not TYPE_3BYTE_BGR");
      }
    }
    return rows;
  }
}
