package dev.visualsearch.embed.onnx;

/**
 * The part of a source image that becomes the model input, in continuous source pixel
 * coordinates (pixel {@code i} covers [i, i+1)). Resampling this region straight to the output
 * size equals resizing the whole image and then cropping, without the intermediate image.
 * Immutable and thread-safe.
 *
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge
 * @param y1 bottom edge
 */
record SourceRegion(double x0, double y0, double x1, double y1) {

  /** The region {@code preprocessing} takes from a {@code width × height} image. */
  static SourceRegion of(Preprocessing preprocessing, int width, int height) {
    int size = preprocessing.requireSize();
    if (preprocessing.geometry() == Preprocessing.Geometry.SQUASH) {
      return new SourceRegion(0, 0, width, height);
    }
    // torchvision Resize(int): the shorter side becomes `resize`, the longer one
    // int(resize * long / short) (truncated), then CenterCrop rounds the offset half to even.
    int resize = preprocessing.resizeLength();
    int resizedWidth;
    int resizedHeight;
    if (width <= height) {
      resizedWidth = resize;
      resizedHeight = (int) ((long) resize * height / width);
    } else {
      resizedHeight = resize;
      resizedWidth = (int) ((long) resize * width / height);
    }
    double left = Math.rint((resizedWidth - size) / 2.0);
    double top = Math.rint((resizedHeight - size) / 2.0);
    double scaleX = (double) width / resizedWidth;
    double scaleY = (double) height / resizedHeight;
    return new SourceRegion(
        left * scaleX, top * scaleY, (left + size) * scaleX, (top + size) * scaleY);
  }
}
