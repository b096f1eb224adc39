package dev.visualsearch.eval.report;

import dev.visualsearch.augment.ImageOps;
import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small JPEG thumbnails as {@code data:} URIs, so that a report page holds its pictures itself.
 * Each file is decoded and shrunk once (antialiased) to fit a square; an unreadable file has none.
 * Used by one thread.
 */
final class Thumbnails {

  private static final float QUALITY = 0.8f;

  private final int size;
  private final ImageDecoder decoder = ImageDecoder.defaults();
  private final Map<Path, Optional<String>> cache = new HashMap<>();

  Thumbnails(int size) {
    this.size = size;
  }

  /** The thumbnail of {@code file} as a data URI, or empty when it cannot be decoded. */
  Optional<String> dataUri(Path file) {
    return cache.computeIfAbsent(file.toAbsolutePath().normalize(), this::make);
  }

  private Optional<String> make(Path file) {
    try {
      BufferedImage image = decoder.decode(file);
      double scale = Math.min(1.0, (double) size / Math.max(image.getWidth(), image.getHeight()));
      int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
      int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
      BufferedImage small = ImageOps.resize(w, h).apply(image, new SplittableRandom(0));
      return Optional.of("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(small)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
