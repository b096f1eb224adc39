package dev.visualsearch.cli;

import dev.visualsearch.Hit;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.report.ThumbnailPage;
import dev.visualsearch.eval.report.ThumbnailPage.Frame;
import dev.visualsearch.eval.report.ThumbnailPage.Tile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Helpers for the HTML pages of thumbnails the commands write with {@code --html}. */
final class Pages {

  /** The longer side of a thumbnail on the commands' pages. */
  static final int THUMBNAIL_SIZE = 96;

  private Pages() {}

  /** The image file of item {@code id}: its source, when that is a file that exists. */
  static Path imageOf(VisualSearch search, String id) {
    return search.entry(id)
        .flatMap(entry -> entry.source())
        .map(Path::of)
        .filter(Files::isRegularFile)
        .orElse(null);
  }

  /** A tile for a hit: the image, then rank, score and id under it. */
  static Tile hitTile(VisualSearch search, Hit hit, int rank, Frame frame) {
    return new Tile(
        imageOf(search, hit.id()),
        String.format(Locale.ROOT, "%d · %.4f%n%s", rank, hit.score(), hit.id()),
        frame);
  }

  /** Writes {@code page} to {@code file}, creating its folder. */
  static void write(ThumbnailPage page, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, page.html(), StandardCharsets.UTF_8);
  }
}
