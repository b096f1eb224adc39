package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Blurs with a Gaussian kernel whose standard deviation σ (in pixels) is drawn uniformly from
 * {@code [minSigma, maxSigma)} (imgaug's {@code GaussianBlur(sigma=…)}). The kernel reaches
 * {@code ceil(3σ)} pixels each way; edges repeat the border pixel.
 */
final class GaussianBlur implements ImageOp {

  private final double minSigma;
  private final double maxSigma;

  GaussianBlur(double minSigma, double maxSigma) {
    this.minSigma = minSigma;
    this.maxSigma = maxSigma;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage source = Pixels.copy(image);
    double sigma = Randoms.uniform(random, minSigma, maxSigma);
    if (sigma <= 0) {
      return source;
    }
    float[] kernel = kernel(sigma);
    int radius = kernel.length / 2;
    int width = source.getWidth();
    int height = source.getHeight();
    byte[] src = Pixels.bytes(source);
    float[] horizontal = new float[src.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          float sum = 0;
          for (int t = -radius; t <= radius; t++) {
            int sx = Math.min(width - 1, Math.max(0, x + t));
            sum += kernel[t + radius] * Pixels.value(src[(y * width + sx) * 3 + c]);
          }
          horizontal[(y * width + x) * 3 + c] = sum;
        }
      }
    }
    BufferedImage out = Pixels.create(width, height);
    byte[] dst = Pixels.bytes(out);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          float sum = 0;
          for (int t = -radius; t <= radius; t++) {
            int sy = Math.min(height - 1, Math.max(0, y + t));
            sum += kernel[t + radius] * horizontal[(sy * width + x) * 3 + c];
          }
          dst[(y * width + x) * 3 + c] = Pixels.clamp(sum);
        }
      }
    }
    return out;
  }

  private static float[] kernel(double sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    float[] kernel = new float[2 * radius + 1];
    double total = 0;
    for (int i = -radius; i <= radius; i++) {
      double w = Math.exp(-(i * i) / (2 * sigma * sigma));
      kernel[i + radius] = (float) w;
      total += w;
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= total;
    }
    return kernel;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "gaussian-blur(sigma=%s..%s)", minSigma, maxSigma);
  }
}
