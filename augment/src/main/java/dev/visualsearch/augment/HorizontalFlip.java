package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Mirrors the image left to right. Draws no random numbers. */
final class HorizontalFlip implements ImageOp {

  static final HorizontalFlip INSTANCE = new HorizontalFlip();

  private HorizontalFlip() {}

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage source = Pixels.copy(image);
    int width = source.getWidth();
    BufferedImage out = Pixels.create(width, source.getHeight());
    byte[] src = Pixels.bytes(source);
    byte[] dst = Pixels.bytes(out);
    for (int y = 0; y < source.getHeight(); y++) {
      int row = y * width * 3;
      for (int x = 0; x < width; x++) {
        System.arraycopy(src, row + x * 3, dst, row + (width - 1 - x) * 3, 3);
      }
    }
    return out;
  }

  @Override
  public String describe() {
    return "flip-horizontal";
  }
}
