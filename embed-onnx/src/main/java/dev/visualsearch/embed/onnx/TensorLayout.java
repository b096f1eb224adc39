package dev.visualsearch.embed.onnx;

/** Where the colour channel sits in a 4-d image tensor. Immutable and thread-safe. */
enum TensorLayout {
  /** [batch, channel, height, width]: PyTorch exports. */
  NCHW,
  /** [batch, height, width, channel]: TensorFlow/TFLite conversions. */
  NHWC;

  /** The shape of a batch of {@code batch} square images of side {@code size} with 3 channels. */
  long[] shape(int batch, int size) {
    return this == NCHW
        ? new long[] {batch, 3, size, size}
        : new long[] {batch, size, size, 3};
  }

  /**
   * The element offset of channel {@code c} of pixel ({@code x}, {@code y}) of image {@code b} in a
   * batch of square images of side {@code size}.
   */
  int offset(int b, int c, int y, int x, int size) {
    return this == NCHW
        ? ((b * 3 + c) * size + y) * size + x
        : ((b * size + y) * size + x) * 3 + c;
  }
}
