package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Resizes to a fixed size, or by a factor of the source size (each side rounded, at least 1
 * pixel), with an antialiased bilinear filter. Draws no random numbers.
 */
final class Resize implements ImageOp {

  private final int width;
  private final int height;
  private final double factor; // used when width is 0

  Resize(int width, int height, double factor) {
    this.width = width;
    this.height = height;
    this.factor = factor;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage source = Pixels.copy(image);
    int w = source.getWidth();
    int h = source.getHeight();
    int outWidth = width > 0 ? width : Math.max(1, (int) Math.round(w * factor));
    int outHeight = width > 0 ? height : Math.max(1, (int) Math.round(h * factor));
    return Resampler.resize(source, 0, 0, w, h, outWidth, outHeight);
  }

  @Override
  public String describe() {
    return width > 0
        ? "resize(" + width + "x" + height + ")"
        : String.format(Locale.ROOT, "resize(x%s)", factor);
  }
}
