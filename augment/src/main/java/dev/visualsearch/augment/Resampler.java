package dev.visualsearch.augment;

import java.awt.image.BufferedImage;

/**
 * Resizes a region of a BGR image with a separable triangle (bilinear) filter whose support grows
 * with the downscale factor, so that shrinking averages every source pixel instead of skipping
 * most of them (antialiasing, as Pillow's bilinear resize does).
 */
final class Resampler {

  private Resampler() {}

  /**
   * The region {@code (x, y, width, height)} of {@code source} (a compact BGR image) resized to
   * {@code outWidth × outHeight}.
   */
  static BufferedImage resize(
      BufferedImage source, int x, int y, int width, int height, int outWidth, int outHeight) {
    byte[] src = Pixels.bytes(source);
    int stride = source.getWidth() * 3;
    Taps columns = Taps.of(x, width, outWidth);
    Taps rows = Taps.of(y, height, outHeight);

    // Horizontal pass over the rows the vertical pass will read.
    float[] horizontal = new float[height * outWidth * 3];
    for (int r = 0; r < height; r++) {
      int rowStart = (y + r) * stride;
      for (int c = 0; c < outWidth; c++) {
        float b = 0;
        float g = 0;
        float red = 0;
        for (int t = 0; t < columns.count[c]; t++) {
          int p = rowStart + (columns.first[c] + t) * 3;
          float w = columns.weights[c][t];
          b += w * Pixels.value(src[p]);
          g += w * Pixels.value(src[p + 1]);
          red += w * Pixels.value(src[p + 2]);
        }
        int o = (r * outWidth + c) * 3;
        horizontal[o] = b;
        horizontal[o + 1] = g;
        horizontal[o + 2] = red;
      }
    }
    BufferedImage out = Pixels.create(outWidth, outHeight);
    byte[] dst = Pixels.bytes(out);
    for (int r = 0; r < outHeight; r++) {
      for (int c = 0; c < outWidth; c++) {
        for (int channel = 0; channel < 3; channel++) {
          float sum = 0;
          for (int t = 0; t < rows.count[r]; t++) {
            sum += rows.weights[r][t] * horizontal[((rows.first[r] - y + t) * outWidth + c) * 3 + channel];
          }
          dst[(r * outWidth + c) * 3 + channel] = Pixels.clamp(sum);
        }
      }
    }
    return out;
  }

  /** For each output coordinate: the first source coordinate it reads and the weights. */
  private static final class Taps {
    final int[] first;
    final int[] count;
    final float[][] weights;

    private Taps(int n) {
      first = new int[n];
      count = new int[n];
      weights = new float[n][];
    }

    static Taps of(int start, int length, int outLength) {
      Taps taps = new Taps(outLength);
      double scale = (double) length / outLength;
      double support = Math.max(1.0, scale);
      for (int o = 0; o < outLength; o++) {
        double centre = (o + 0.5) * scale; // in source pixels, relative to start
        int lo = Math.max(0, (int) Math.floor(centre - support));
        int hi = Math.min(length - 1, (int) Math.ceil(centre + support));
        float[] w = new float[hi - lo + 1];
        double total = 0;
        for (int i = lo; i <= hi; i++) {
          double weight = Math.max(0, 1 - Math.abs(i + 0.5 - centre) / support);
          w[i - lo] = (float) weight;
          total += weight;
        }
        if (total == 0) { // a single tap exactly on the filter's edge
          w = new float[] {1f};
          hi = lo;
          total = 1;
        }
        for (int i = 0; i < w.length; i++) {
          w[i] /= total;
        }
        taps.first[o] = start + lo;
        taps.count[o] = w.length;
        taps.weights[o] = w;
      }
      return taps;
    }
  }
}
