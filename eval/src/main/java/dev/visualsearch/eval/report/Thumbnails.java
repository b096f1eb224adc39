package dev.visualsearch.eval.report;

import dev.visualsearch.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
      byte[] jpeg = JpegThumbnails.of(decoder.decode(file), size, QUALITY);
      return Optional.of("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
