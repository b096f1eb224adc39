package dev.visualsearch.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small images made by tests, so that tests need not ship image files of their own. */
public final class SyntheticImages {

  private SyntheticImages() {}

  /** A {@code width×height} RGB image of one colour. */
  public static BufferedImage solid(int width, int height, Color colour) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** An image whose four quadrants have the given colours (top-left, top-right, bottom-left, bottom-right). */
  public static BufferedImage quadrants(int size, Color tl, Color tr, Color bl, Color br) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    int half = size / 2;
    g.setColor(tl);
    g.fillRect(0, 0, half, half);
    g.setColor(tr);
    g.fillRect(half, 0, size - half, half);
    g.setColor(bl);
    g.fillRect(0, half, half, size - half);
    g.setColor(br);
    g.fillRect(half, half, size - half, size - half);
    g.dispose();
    return image;
  }

  /** Writes {@code image} to {@code file} as PNG and returns the file. */
  public static Path writePng(BufferedImage image, Path file) {
    try {
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
