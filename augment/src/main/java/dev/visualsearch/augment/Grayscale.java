package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Replaces each pixel by its Rec. 601 luma ({@code 0.299 R + 0.587 G + 0.114 B}, rounded) in all
 * three channels; the result is still a colour image, as models expect. Draws no random numbers.
 */
final class Grayscale implements ImageOp {

  static final Grayscale INSTANCE = new Grayscale();

  private Grayscale() {}

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage out = Pixels.copy(image);
    byte[] pixels = Pixels.bytes(out);
    for (int p = 0; p < pixels.length; p += 3) {
      byte gray = Pixels.clamp(Pixels.luma(pixels, p));
      pixels[p] = gray;
      pixels[p + 1] = gray;
      pixels[p + 2] = gray;
    }
    return out;
  }

  @Override
  public String describe() {
    return "grayscale";
  }
}
