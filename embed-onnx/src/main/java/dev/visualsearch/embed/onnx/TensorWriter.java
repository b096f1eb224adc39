package dev.visualsearch.embed.onnx;

import java.nio.ByteBuffer;

/**
 * Encodes resampled RGB pixels into a model's input buffer: the value encoding per channel, the
 * layout (NCHW or NHWC) and the element type (float or uint8).
 *
 * <p>Immutable and thread-safe; each call writes only its own image's slot of the buffer.
 */
final class TensorWriter {

  private final TensorLayout layout;
  private final InputElementType elementType;
  private final int size;
  // value = x * scale[c] + offset[c], for the float encodings
  private final float[] scale = new float[3];
  private final float[] offset = new float[3];

  TensorWriter(TensorLayout layout, InputElementType elementType, Preprocessing.Encoding encoding,
      int size) {
    if (encoding.isFloat() != (elementType == InputElementType.FLOAT)) {
      throw new IllegalArgumentException(
          "encoding " + encoding + " does not fit a " + elementType + " input");
    }
    this.layout = layout;
    this.elementType = elementType;
    this.size = size;
    for (int c = 0; c < 3; c++) {
      switch (encoding) {
        case IMAGENET_MEAN_STD:
          // (x / 255 - mean) / std, folded into one multiply-add
          scale[c] = 1f / (255f * Preprocessing.IMAGENET_STD[c]);
          offset[c] = -Preprocessing.IMAGENET_MEAN[c] / Preprocessing.IMAGENET_STD[c];
          break;
        case SYMMETRIC:
          scale[c] = 1f / 127.5f;
          offset[c] = -1f;
          break;
        case RAW_UINT8:
          scale[c] = 1f;
          offset[c] = 0f;
          break;
        default:
          throw new AssertionError(encoding);
      }
    }
  }

  /** The bytes one image takes in the input buffer. */
  int bytesPerImage() {
    return 3 * size * size * elementType.bytes();
  }

  /**
   * Writes one image at position {@code batchIndex} of {@code buffer} (absolute puts; the
   * buffer's position is untouched).
   *
   * @param rgb HWC RGB values in 0..255 of a {@code size × size} image
   * @param buffer a native-order buffer sized for the batch
   */
  void write(float[] rgb, ByteBuffer buffer, int batchIndex) {
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int p = (y * size + x) * 3;
        for (int c = 0; c < 3; c++) {
          int element = layout.offset(batchIndex, c, y, x, size);
          float v = rgb[p + c];
          if (elementType == InputElementType.FLOAT) {
            buffer.putFloat(element * Float.BYTES, v * scale[c] + offset[c]);
          } else {
            // Math.round's exact semantics for v >= -0.5 at a fraction of its cost; below, 0.
            int q = (int) (v + 0.5f);
            buffer.put(element, (byte) (q < 0 ? 0 : Math.min(q, 255)));
          }
        }
      }
    }
  }
}
