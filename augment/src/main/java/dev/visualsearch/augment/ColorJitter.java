package dev.visualsearch.augment;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter(brightness, contrast, saturation, hue)}, in that fixed order
 * (torchvision shuffles it). Factors are drawn per image: brightness, contrast and saturation
 * uniformly from {@code [max(0, 1 − x), 1 + x)}, the hue shift from {@code [−hue, hue)} of a full
 * turn. Brightness scales values; contrast blends with the mean luma of the image; saturation
 * blends with each pixel's luma; hue rotates in HSB space. Values are clamped to 0..255 after each
 * step. A parameter of 0 leaves its property alone and draws nothing.
 */
final class ColorJitter implements ImageOp {

  private final double brightness;
  private final double contrast;
  private final double saturation;
  private final double hue;

  ColorJitter(double brightness, double contrast, double saturation, double hue) {
    this.brightness = brightness;
    this.contrast = contrast;
    this.saturation = saturation;
    this.hue = hue;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage out = Pixels.copy(image);
    byte[] pixels = Pixels.bytes(out);
    if (brightness > 0) {
      double factor = factor(random, brightness);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = Pixels.clamp(Pixels.value(pixels[i]) * factor);
      }
    }
    if (contrast > 0) {
      double factor = factor(random, contrast);
      double mean = 0;
      for (int p = 0; p < pixels.length; p += 3) {
        mean += Pixels.luma(pixels, p);
      }
      mean /= pixels.length / 3.0;
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = Pixels.clamp((Pixels.value(pixels[i]) - mean) * factor + mean);
      }
    }
    if (saturation > 0) {
      double factor = factor(random, saturation);
      for (int p = 0; p < pixels.length; p += 3) {
        double gray = Pixels.luma(pixels, p);
        for (int c = 0; c < 3; c++) {
          pixels[p + c] = Pixels.clamp((Pixels.value(pixels[p + c]) - gray) * factor + gray);
        }
      }
    }
    if (hue > 0) {
      float shift = (float) Randoms.uniform(random, -hue, hue);
      float[] hsb = new float[3];
      for (int p = 0; p < pixels.length; p += 3) {
        Color.RGBtoHSB(Pixels.value(pixels[p + 2]), Pixels.value(pixels[p + 1]), Pixels.value(pixels[p]), hsb);
        float h = hsb[0] + shift;
        int rgb = Color.HSBtoRGB(h - (float) Math.floor(h), hsb[1], hsb[2]);
        pixels[p] = (byte) rgb;
        pixels[p + 1] = (byte) (rgb >> 8);
        pixels[p + 2] = (byte) (rgb >> 16);
      }
    }
    return out;
  }

  private static double factor(RandomGenerator random, double amount) {
    return Randoms.uniform(random, Math.max(0, 1 - amount), 1 + amount);
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "color-jitter(brightness=%s, contrast=%s, saturation=%s, hue=%s)",
        brightness, contrast, saturation, hue);
  }
}
