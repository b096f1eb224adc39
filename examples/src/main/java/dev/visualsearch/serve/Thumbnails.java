package dev.visualsearch.serve;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import dev.visualsearch.image.ImageDecodeException;
import java.awt.RenderingHints;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small JPEGs of indexed items, made from their source files and cached: the page shows these,
 * never the multi-megabyte originals. A thumbnail is found by item id only — the id is looked up
 * in the collection's catalogue and its recorded source is read — so no request path ever
 * reaches the file system. Thread-safe.
 */
final class Thumbnails {

  private static final System.Logger LOG = System.getLogger(Thumbnails.class.getName());

  private final VisualSearch search;
  private final ScaledImageDecoder decoder;
  private final int size;
  private final ThumbnailCache cache;

  Thumbnails(VisualSearch search, ScaledImageDecoder decoder, int size, long cacheBytes) {
    this.search = search;
    this.decoder = decoder;
    this.size = size;
    this.cache = new ThumbnailCache(cacheBytes);
  }

  /**
   * The JPEG thumbnail of item {@code id}, its longer side at most the thumbnail size.
   *
   * @throws ApiException 404 if there is no such item or its source file is gone, 422 if the
   *     source no longer decodes
   */
  byte[] jpeg(String id) throws IOException {
    byte[] cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    if (!search.contains(id)) {
      throw ApiException.notFound("no thumbnail for '" + id + "': there is no indexed item with"
          + " that id");
    }
    Path source = search.entry(id).flatMap(entry -> entry.source()).map(Path::of).orElse(null);
    if (source == null || !Files.isRegularFile(source)) {
      throw ApiException.notFound("no thumbnail for '" + id + "': the item's image file is not"
          + " there any more");
    }
    BufferedImage image;
    try {
      // A reduced decode: a JPEG's DCT scaling gives a picture just above the thumbnail size.
      image = decoder.decode(source, size);
    } catch (NoSuchFileException e) {
      throw ApiException.notFound("no thumbnail for '" + id + "': the item's image file is not"
          + " there any more");
    } catch (ImageDecodeException e) {
      throw new ApiException(422, "no thumbnail for '" + id + "': its image file no longer"
          + " decodes (" + e.reason().name().toLowerCase(Locale.ROOT) + ")");
    } catch (IOException e) {
      // Not the client's doing (permissions, a failing disk): say so, keep the details here.
      LOG.log(Level.ERROR, "reading " + source + " for the thumbnail of '" + id + "' failed", e);
      throw new ApiException(500, "no thumbnail for '" + id + "': its image file could not be"
          + " read; the server log has the details");
    }
    byte[] jpeg = encode(shrink(image, size));
    cache.put(id, jpeg);
    return jpeg;
  }

  /** Scales {@code image} so that its longer side is at most {@code size}, halving at a time. */
  static BufferedImage shrink(BufferedImage image, int size) {
    BufferedImage current = image;
    while (Math.max(current.getWidth(), current.getHeight()) > size) {
      // Halving steps keep bilinear filtering from skipping pixels (aliasing) on big reductions.
      double scale = Math.max(0.5, (double) size / Math.max(current.getWidth(), current.getHeight()));
      int width = Math.max(1, (int) Math.round(current.getWidth() * scale));
      int height = Math.max(1, (int) Math.round(current.getHeight() * scale));
      BufferedImage next = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D graphics = next.createGraphics();
      try {
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
            RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(current, 0, 0, width, height, null);
      } finally {
        graphics.dispose();
      }
      current = next;
    }
    return current;
  }

  private static byte[] encode(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
