package dev.visualsearch.augment;

import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes the image as a baseline JPEG at a quality (1–100, as libjpeg's scale) and decodes it
 * again, leaving the blocking and ringing of lossy compression. Uses the JDK's own JPEG writer
 * when it is installed (plugins such as TwelveMonkeys may register others), so the result does
 * not depend on the classpath. Draws no random numbers.
 */
final class JpegReencode implements ImageOp {

  private static final String JDK_WRITER = "com.sun.imageio.plugins.jpeg.JPEGImageWriter";

  private final int quality;

  JpegReencode(int quality) {
    this.quality = quality;
  }

  @Override
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    BufferedImage source = Pixels.copy(image);
    ImageWriter writer = writer();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(source, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding in memory failed", e);
    } finally {
      writer.dispose();
    }
    try {
      return Pixels.copy(ImageDecoder.defaults().decode(new ByteArrayInputStream(bytes.toByteArray()), describe()));
    } catch (IOException e) {
      throw new UncheckedIOException("decoding the JPEG just encoded failed", e);
    }
  }

  private static ImageWriter writer() {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter first = null;
    while (writers.hasNext()) {
      ImageWriter writer = writers.next();
      if (writer.getClass().getName().equals(JDK_WRITER)) {
        if (first != null) {
          first.dispose();
        }
        return writer;
      }
      if (first == null) {
        first = writer;
      } else {
        writer.dispose();
      }
    }
    if (first == null) {
      throw new IllegalStateException("no JPEG writer is installed in ImageIO");
    }
    return first;
  }

  @Override
  public String describe() {
    return "jpeg(quality=" + quality + ")";
  }
}
