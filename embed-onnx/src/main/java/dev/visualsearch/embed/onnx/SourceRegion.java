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

  /**
   * This region scaled about its centre by {@code 1 / zoom} ({@code zoom > 1} is a tighter
   * region), kept inside a {@code width × height} image by shifting, then by shrinking.
   */
  SourceRegion zoomed(double zoom, int width, int height) {
    if (zoom == 1.0) {
      return this;
    }
    double halfWidth = Math.min((x1 - x0) / (2 * zoom), width / 2.0);
    double halfHeight = Math.min((y1 - y0) / (2 * zoom), height / 2.0);
    double cx = Math.min(Math.max((x0 + x1) / 2, halfWidth), width - halfWidth);
    double cy = Math.min(Math.max((y0 + y1) / 2, halfHeight), height - halfHeight);
    return new SourceRegion(cx - halfWidth, cy - halfHeight, cx + halfWidth, cy + halfHeight);
  }
}
