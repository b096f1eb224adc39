package dev.visualsearch.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Decodes image files into upright sRGB pictures of type {@link BufferedImage#TYPE_3BYTE_BGR}.
 * (Skeleton: implemented in the decoder work.)
 */
public final class ImageDecoder {

  /** The default pixel limit: 64 Mi pixels (a 60-megapixel camera photo fits). */
  public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;

  private final long maxPixels;

  private ImageDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  /** A decoder with the default pixel limit. */
  public static ImageDecoder defaults() {
    return new ImageDecoder(DEFAULT_MAX_PIXELS);
  }

  /** The most pixels (width × height) an image may declare. */
  public long maxPixels() {
    return maxPixels;
  }

  /** Decodes the image in {@code file}. */
  public BufferedImage decode(Path file) throws IOException {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Decodes the image in {@code in}; {@code name} identifies it in error messages. */
  public BufferedImage decode(InputStream in, String name) throws IOException {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Converts any image to an upright... sRGB TYPE_3BYTE_BGR copy, alpha composited on white. */
  public static BufferedImage toRgb(BufferedImage image) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
