package dev.visualsearch.embed.onnx;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Real photos from shared/data and synthetic images with known pixels. */
final class TestImages {

  private TestImages() {}

  /** Decodes a photo under shared/data with plain ImageIO (TYPE_3BYTE_BGR or TYPE_BYTE_GRAY). */
  static BufferedImage read(String relative) {
    Path path = SharedData.data(relative);
    try {
      BufferedImage image = ImageIO.read(path.toFile());
      if (image == null) {
        throw new IOException("no ImageIO reader for " + path);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TYPE_3BYTE_BGR image whose pixel (x, y) is {@code rgb.at(x, y)} (0xRRGGBB). */
  static BufferedImage bgr(int width, int height, PixelFunction rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb.at(x, y));
      }
    }
    return image;
  }

  /** A constant-colour TYPE_3BYTE_BGR image. */
  static BufferedImage constant(int width, int height, int rgb) {
    return bgr(width, height, (x, y) -> rgb);
  }

  static int rgb(int r, int g, int b) {
    return (r << 16) | (g << 8) | b;
  }

  /** The colour of a pixel as a function of its position. */
  @FunctionalInterface
  interface PixelFunction {
    int at(int x, int y);
  }
}
