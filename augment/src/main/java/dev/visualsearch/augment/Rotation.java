package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Rotates about the image centre by an angle drawn uniformly from {@code [minDegrees,
 * maxDegrees)}, keeping the image size (imgaug's {@code Affine(rotate=…)}): corners the rotated
 * picture does not cover take the fill colour; pixels are sampled bilinearly. Positive angles turn
 * clockwise on screen.
 */
final class Rotation implements ImageOp {

  private final double minDegrees;
  private final double maxDegrees;
  private final int fill;

  Rotation(double minDegrees, double maxDegrees, int fillRgb) {
    this.minDegrees = minDegrees;
    this.maxDegrees = maxDegrees;
    this.fill = fillRgb;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage source = Pixels.copy(image);
    double radians = Math.toRadians(Randoms.uniform(random, minDegrees, maxDegrees));
    int width = source.getWidth();
    int height = source.getHeight();
    byte[] src = Pixels.bytes(source);
    BufferedImage out = Pixels.create(width, height);
    byte[] dst = Pixels.bytes(out);
    byte[] fillBgr = {(byte) fill, (byte) (fill >> 8), (byte) (fill >> 16)};
    double cos = Math.cos(radians);
    double sin = Math.sin(radians);
    double cx = width / 2.0;
    double cy = height / 2.0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // Inverse mapping: where in the source does this output pixel's centre come from?
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        double sx = cos * dx + sin * dy + cx - 0.5;
        double sy = -sin * dx + cos * dy + cy - 0.5;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        int o = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          double top = (1 - fx) * sample(src, width, height, x0, y0, c, fillBgr)
              + fx * sample(src, width, height, x0 + 1, y0, c, fillBgr);
          double bottom = (1 - fx) * sample(src, width, height, x0, y0 + 1, c, fillBgr)
              + fx * sample(src, width, height, x0 + 1, y0 + 1, c, fillBgr);
          dst[o + c] = Pixels.clamp((1 - fy) * top + fy * bottom);
        }
      }
    }
    return out;
  }

  private static int sample(byte[] src, int width, int height, int x, int y, int c, byte[] fill) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      return Pixels.value(fill[c]);
    }
    return Pixels.value(src[(y * width + x) * 3 + c]);
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "rotate(%s..%s deg, fill=%s)", minDegrees, maxDegrees, Pixels.hex(fill));
  }
}
