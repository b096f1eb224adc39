package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Keeps a fixed region, given as fractions of the width and height: pixels {@code
 * [round(left·W), round((left+width)·W))} across and likewise down, at least one pixel each way.
 * The result is the region's size (no resizing). Draws no random numbers.
 */
final class Crop implements ImageOp {

  private final double left;
  private final double top;
  private final double width;
  private final double height;

  Crop(double left, double top, double width, double height) {
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage source = Pixels.copy(image);
    int w = source.getWidth();
    int h = source.getHeight();
    int x0 = Math.min(w - 1, (int) Math.round(left * w));
    int y0 = Math.min(h - 1, (int) Math.round(top * h));
    int x1 = Math.max(x0 + 1, Math.min(w, (int) Math.round((left + width) * w)));
    int y1 = Math.max(y0 + 1, Math.min(h, (int) Math.round((top + height) * h)));
    BufferedImage out = Pixels.create(x1 - x0, y1 - y0);
    byte[] src = Pixels.bytes(source);
    byte[] dst = Pixels.bytes(out);
    for (int y = y0; y < y1; y++) {
      System.arraycopy(src, (y * w + x0) * 3, dst, (y - y0) * (x1 - x0) * 3, (x1 - x0) * 3);
    }
    return out;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "crop(left=%s, top=%s, width=%s, height=%s)", left, top, width, height);
  }
}
