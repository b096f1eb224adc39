package dev.visualsearch.eval.report;

import dev.visualsearch.augment.ImageOps;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small JPEGs of pictures, for pages that show many of them: the report pages here and the web
 * page of the examples module.
 *
 * <p>Stateless and thread-safe.
 */
public final class JpegThumbnails {

  private JpegThumbnails() {}

  /**
   * {@code image} shrunk (antialiased; never enlarged) so that its longer side is at most {@code
   * size}, encoded as a JPEG of {@code quality}.
   *
   * @throws IllegalArgumentException if {@code size} is not in 1..8192 or {@code quality} not in
   *     [0, 1]
   * @throws IOException if the JPEG cannot be written
   */
  public static byte[] of(BufferedImage image, int size, float quality) throws IOException {
    Objects.requireNonNull(image, "image");
    if (size < 1 || size > 8192) {
      throw new IllegalArgumentException("thumbnail size must be in 1..8192: " + size);
    }
    if (!(quality >= 0 && quality <= 1)) {
      throw new IllegalArgumentException("JPEG quality must be in [0, 1]: " + quality);
    }
    return encode(shrink(image, size), quality);
  }

  private static BufferedImage shrink(BufferedImage image, int size) {
    double scale = Math.min(1.0, (double) size / Math.max(image.getWidth(), image.getHeight()));
    int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
    return ImageOps.resize(width, height).apply(image, new SplittableRandom(0));
  }

  private static byte[] encode(BufferedImage image, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
