package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Adds Gaussian noise of mean 0 and a standard deviation (in 0..255 levels) drawn per image
 * uniformly from {@code [minScale, maxScale)} (imgaug's {@code AdditiveGaussianNoise(scale=…)}).
 * Like imgaug's default, one noise value per pixel is added to all three channels unless {@code
 * perChannel}, where each channel gets its own.
 */
final class GaussianNoise implements ImageOp {

  private final double minScale;
  private final double maxScale;
  private final boolean perChannel;

  GaussianNoise(double minScale, double maxScale, boolean perChannel) {
    this.minScale = minScale;
    this.maxScale = maxScale;
    this.perChannel = perChannel;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage out = Pixels.copy(image);
    double scale = Randoms.uniform(random, minScale, maxScale);
    byte[] pixels = Pixels.bytes(out);
    for (int p = 0; p < pixels.length; p += 3) {
      double noise = scale * Randoms.gaussian(random);
      for (int c = 0; c < 3; c++) {
        if (perChannel && c > 0) {
          noise = scale * Randoms.gaussian(random);
        }
        pixels[p + c] = Pixels.clamp(Pixels.value(pixels[p + c]) + noise);
      }
    }
    return out;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "gaussian-noise(scale=%s..%s%s)", minScale, maxScale, perChannel ? ", per-channel" : "");
  }
}
