package dev.visualsearch.serve;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import dev.visualsearch.eval.report.JpegThumbnails;
import dev.visualsearch.image.ImageDecodeException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Small JPEGs of indexed items, made from their source files and cached: the page shows these,
 * never the multi-megabyte originals. A thumbnail is found by item id only — the id is looked up
 * in the collection's catalogue and its recorded source is read — so no request path ever
 * reaches the file system. Thread-safe.
 */
final class Thumbnails {

  private static final System.Logger LOG = System.getLogger(Thumbnails.class.getName());

  private static final float JPEG_QUALITY = 0.85f;

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
    byte[] jpeg = JpegThumbnails.of(image, size, JPEG_QUALITY);
    cache.put(id, jpeg);
    return jpeg;
  }
}
