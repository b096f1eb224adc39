package dev.visualsearch.embed.onnx;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

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
   * A writer of single rows into {@code buffer}, for a resampler that produces the image row by
   * row. Holds scratch memory: one per thread and image.
   */
  Rows rows(ByteBuffer buffer) {
    return new Rows(buffer);
  }

  /**
   * Encodes whole rows into one staging array and copies it into the buffer in one bulk put per
   * channel plane (NCHW) or row (NHWC): a per-element put into a direct buffer costs a bounds
   * check and an index computation for every value, and was most of this class's time.
   */
  final class Rows {
    private final ByteBuffer bytes;
    private final FloatBuffer floats; // null for uint8 inputs
    private final float[] floatRow;
    private final byte[] byteRow;

    private Rows(ByteBuffer buffer) {
      this.bytes = buffer;
      boolean isFloat = elementType == InputElementType.FLOAT;
      // A view from element 0 (not from the position): puts stay absolute, the buffer's position
      // untouched.
      this.floats = isFloat
          ? buffer.duplicate().position(0).order(buffer.order()).asFloatBuffer()
          : null;
      this.floatRow = isFloat ? new float[size * 3] : null;
      this.byteRow = isFloat ? null : new byte[size * 3];
    }

    /**
     * Writes row {@code y} of image {@code batchIndex}; {@code mirrored} writes it right to
     * left, the row of the image's mirror.
     *
     * @param planes RGB values in 0..255 of the row's {@code size} pixels, as planes: all red,
     *     then all green, then all blue
     */
    void write(float[] planes, int y, int batchIndex, boolean mirrored) {
      if (layout == TensorLayout.NCHW) {
        for (int c = 0; c < 3; c++) {
          int element = layout.offset(batchIndex, c, y, 0, size);
          if (floats != null) {
            encodePlane(planes, c, mirrored, floatRow);
            floats.put(element, floatRow, 0, size);
          } else {
            quantisePlane(planes, c, mirrored, byteRow);
            bytes.put(element, byteRow, 0, size);
          }
        }
      } else {
        int element = layout.offset(batchIndex, 0, y, 0, size);
        if (floats != null) {
          encodeInterleaved(planes, mirrored, floatRow);
          floats.put(element, floatRow, 0, size * 3);
        } else {
          quantiseInterleaved(planes, mirrored, byteRow);
          bytes.put(element, byteRow, 0, size * 3);
        }
      }
    }
  }

  /** Plane {@code c} of a row, encoded, into {@code out[0, size)}. */
  private void encodePlane(float[] planes, int c, boolean mirrored, float[] out) {
    float s = scale[c];
    float o = offset[c];
    int from = c * size;
    if (mirrored) {
      for (int x = 0, last = size - 1; x < size; x++) {
        out[last - x] = planes[from + x] * s + o;
      }
    } else {
      for (int x = 0; x < size; x++) { // vectorised
        out[x] = planes[from + x] * s + o;
      }
    }
  }

  /** A row, encoded, into {@code out[0, size * 3)} with interleaved channels (HWC). */
  private void encodeInterleaved(float[] planes, boolean mirrored, float[] out) {
    int last = size - 1;
    for (int x = 0; x < size; x++) {
      int q = (mirrored ? last - x : x) * 3;
      out[q] = planes[x] * scale[0] + offset[0];
      out[q + 1] = planes[size + x] * scale[1] + offset[1];
      out[q + 2] = planes[2 * size + x] * scale[2] + offset[2];
    }
  }

  /** Plane {@code c} of a row as bytes into {@code out[0, size)}. */
  private void quantisePlane(float[] planes, int c, boolean mirrored, byte[] out) {
    int from = c * size;
    int last = size - 1;
    for (int x = 0; x < size; x++) {
      out[mirrored ? last - x : x] = quantise(planes[from + x]);
    }
  }

  /** A row as bytes into {@code out[0, size * 3)} with interleaved channels (HWC). */
  private void quantiseInterleaved(float[] planes, boolean mirrored, byte[] out) {
    int last = size - 1;
    for (int x = 0; x < size; x++) {
      int q = (mirrored ? last - x : x) * 3;
      out[q] = quantise(planes[x]);
      out[q + 1] = quantise(planes[size + x]);
      out[q + 2] = quantise(planes[2 * size + x]);
    }
  }

  /** The uint8 input value of {@code v}: rounded half up and clamped to 0..255. */
  private static byte quantise(float v) {
    // Math.round's exact semantics for v >= -0.5 at a fraction of its cost; below, 0.
    int q = (int) (v + 0.5f);
    return (byte) (q < 0 ? 0 : Math.min(q, 255));
  }
}
