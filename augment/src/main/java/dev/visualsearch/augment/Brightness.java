package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Multiplies every channel value by one factor per image, drawn uniformly from {@code [min,
 * max)} (imgaug's {@code Multiply((0.8, 1.2))}); results are rounded and clamped to 0..255.
 */
final class Brightness implements ImageOp {

  private final double min;
  private final double max;

  Brightness(double min, double max) {
    this.min = min;
    this.max = max;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage out = Pixels.copy(image);
    double factor = Randoms.uniform(random, min, max);
    byte[] pixels = Pixels.bytes(out);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = Pixels.clamp(Pixels.value(pixels[i]) * factor);
    }
    return out;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "multiply(%s..%s)", min, max);
  }
}
