package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop}: a region covering a fraction of the area drawn from
 * {@code [minScale, maxScale)} with an aspect ratio drawn log-uniformly from {@code [minRatio,
 * maxRatio)}, at a uniformly random position (up to 10 tries for one that fits; else the
 * largest centred region within the ratio range), resized to the output size — {@code size ×
 * size}, or the source's own size when {@code size} is 0.
 */
final class RandomResizedCrop implements ImageOp {

  private static final int ATTEMPTS = 10;

  private final double minScale;
  private final double maxScale;
  private final double minRatio;
  private final double maxRatio;
  private final int size;

  RandomResizedCrop(double minScale, double maxScale, double minRatio, double maxRatio, int size) {
    this.minScale = minScale;
    this.maxScale = maxScale;
    this.minRatio = minRatio;
    this.maxRatio = maxRatio;
    this.size = size;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage source = Pixels.copy(image);
    int w = source.getWidth();
    int h = source.getHeight();
    int[] region = region(w, h, random);
    int outWidth = size == 0 ? w : size;
    int outHeight = size == 0 ? h : size;
    return Resampler.resize(source, region[0], region[1], region[2], region[3], outWidth, outHeight);
  }

  /** {x, y, width, height} of the region to keep. */
  private int[] region(int w, int h, RandomGenerator random) {
    double area = (double) w * h;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double target = area * Randoms.uniform(random, minScale, maxScale);
      double ratio = Math.exp(Randoms.uniform(random, Math.log(minRatio), Math.log(maxRatio)));
      int cw = (int) Math.round(Math.sqrt(target * ratio));
      int ch = (int) Math.round(Math.sqrt(target / ratio));
      if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
        int x = random.nextInt(w - cw + 1);
        int y = random.nextInt(h - ch + 1);
        return new int[] {x, y, cw, ch};
      }
    }
    double ratio = (double) w / h;
    int cw = w;
    int ch = h;
    if (ratio < minRatio) {
      ch = Math.max(1, (int) Math.round(w / minRatio));
    } else if (ratio > maxRatio) {
      cw = Math.max(1, (int) Math.round(h * maxRatio));
    }
    return new int[] {(w - cw) / 2, (h - ch) / 2, cw, ch};
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "random-resized-crop(scale=%s..%s, ratio=%s..%s, size=%s)",
        minScale, maxScale, minRatio, maxRatio, size == 0 ? "source" : Integer.toString(size));
  }
}
