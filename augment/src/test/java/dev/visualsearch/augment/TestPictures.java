package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Test images with structure in every channel, and pixel comparisons. */
final class TestPictures {

  private TestPictures() {}

  /** A {@code width×height} BGR image of smooth gradients plus seeded speckles. */
  static BufferedImage pattern(int width, int height, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = 255 * x / Math.max(1, width - 1);
        int g = 255 * y / Math.max(1, height - 1);
        int b = random.nextInt(8) == 0 ? random.nextInt(256) : (r + g) / 2;
        image.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return image;
  }

  /** The same picture as ARGB with a half-transparent left half. */
  static BufferedImage withAlpha(int width, int height, long seed) {
    BufferedImage rgb = pattern(width, height, seed);
    BufferedImage argb = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int alpha = x < width / 2 ? 0x80 : 0xFF;
        argb.setRGB(x, y, alpha << 24 | (rgb.getRGB(x, y) & 0xFFFFFF));
      }
    }
    return argb;
  }

  /** A gray image. */
  static BufferedImage gray(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, (x * 7 + y * 3) & 0xFF);
      }
    }
    return image;
  }

  /** Every pixel as 0xRRGGBB (alpha dropped), row by row. */
  static int[] rgb(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  /** Every pixel with alpha, as stored: to check nothing changed. */
  static int[] argb(BufferedImage image) {
    int[] pixels = new int[image.getWidth() * image.getHeight()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        pixels[y * image.getWidth() + x] = image.getRGB(x, y);
      }
    }
    return pixels;
  }

  /** The mean absolute difference per channel value between two images of the same size. */
  static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    int[] pa = rgb(a);
    int[] pb = rgb(b);
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      for (int shift = 0; shift < 24; shift += 8) {
        sum += Math.abs(((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF));
      }
    }
    return sum / (pa.length * 3.0);
  }

  static long seed(String test) {
    long seed = Long.getLong("visualsearch.test.seed", 7L);
    System.out.println(test + ": seed " + seed);
    return seed;
  }
}
