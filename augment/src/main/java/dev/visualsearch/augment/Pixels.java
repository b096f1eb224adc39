package dev.visualsearch.augment;

import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;

/**
 * The one pixel layout the ops work on: a fresh {@code TYPE_3BYTE_BGR} image whose bytes are B, G,
 * R per pixel, row by row, without padding.
 */
final class Pixels {

  private Pixels() {}

  /** A new compact BGR image with the pixels of {@code image}, which is left untouched. */
  static BufferedImage copy(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    BufferedImage rgb = ImageDecoder.toRgb(image);
    BufferedImage copy = create(rgb.getWidth(), rgb.getHeight());
    // copyData also handles sub-images whose rasters start at an offset.
    rgb.copyData(copy.getRaster());
    return copy;
  }

  /** A new black compact BGR image. */
  static BufferedImage create(int width, int height) {
    return new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
  }

  /** The pixel bytes of an image made by {@link #copy} or {@link #create} (not a copy). */
  static byte[] bytes(BufferedImage image) {
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }

  /** {@code value} rounded to the nearest integer and clamped to 0..255. */
  static byte clamp(double value) {
    long rounded = Math.round(value);
    return (byte) (rounded < 0 ? 0 : rounded > 255 ? 255 : rounded);
  }

  /** The unsigned value of a pixel byte. */
  static int value(byte b) {
    return b & 0xFF;
  }

  /** Rec. 601 luma of a pixel, {@code 0.299 R + 0.587 G + 0.114 B} (as PIL's "L" mode). */
  static double luma(byte[] bgr, int offset) {
    return 0.114 * value(bgr[offset]) + 0.587 * value(bgr[offset + 1]) + 0.299 * value(bgr[offset + 2]);
  }

  /** {@code #rrggbb} of a colour. */
  static String hex(int rgb) {
    return String.format("#%06x", rgb & 0xFFFFFF);
  }
}
