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
    writer.write(resample(image), buffer, batchIndex);
  }

  /** The resampled RGB pixels (HWC, 0..255) of {@code image}, before encoding. */
  float[] resample(BufferedImage image) {
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
    int size = preprocessing.requireSize();
    SourceRegion region = SourceRegion.of(preprocessing, rows.width, rows.height);
    return ImageResampler.resample(rows, region, size, size);
  }
}
