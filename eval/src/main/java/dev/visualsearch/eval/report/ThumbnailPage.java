package dev.visualsearch.eval.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML page of thumbnail rows — duplicate groups, recommendations, clusters —
 * with no scripts and every picture inside the page: each distinct image is shrunk once to a small
 * JPEG and embedded once, as a {@code data:} URI in a CSS class the tiles refer to. Every caption
 * is HTML-escaped; an image that cannot be decoded shows as an empty frame.
 *
 * <p>Not thread-safe: build a page on one thread.
 */
public final class ThumbnailPage {

  /** How a tile is framed. */
  public enum Frame {
    /** Grey: an ordinary item. */
    PLAIN,
    /** Blue: the item the row is about (a query, the copy to keep, a cluster's representative). */
    PRIMARY,
    /** Green: an item marked for the reader's attention (relevant, or a redundant copy). */
    MARKED
  }

  /**
   * One picture with its caption.
   *
   * @param image the image file, or null when there is none (an empty frame)
   * @param caption text under the picture; may hold several lines separated by '\n'
   * @param frame how the tile is framed
   */
  public record Tile(Path image, String caption, Frame frame) {
    /** @throws NullPointerException if the caption or frame is null */
    public Tile {
      Objects.requireNonNull(caption, "caption");
      Objects.requireNonNull(frame, "frame");
    }
  }

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
          + ".row{display:flex;flex-wrap:wrap;align-items:flex-start;gap:6px;padding:8px 0;"
          + "border-bottom:1px solid #ddd}"
          + ".cell{width:104px;font-size:11px;text-align:center;overflow-wrap:anywhere}"
          + ".t{width:96px;height:96px;margin:auto;border:4px solid #bbb;"
          + "background:#f4f4f4 center/contain no-repeat}"
          + ".primary .t{border-color:#0550ae}.marked .t{border-color:#1a7f37}"
          + ".label{width:150px;font-size:12px}";

  private final String title;
  private final Thumbnails thumbnails;
  private final Map<Path, String> classes = new LinkedHashMap<>();
  private final StringBuilder body = new StringBuilder();

  /**
   * @param title the page title, also its first heading
   * @param thumbnailSize the longer side of a thumbnail, in pixels
   * @throws IllegalArgumentException if the size is not in 16..512
   */
  public ThumbnailPage(String title, int thumbnailSize) {
    this.title = Objects.requireNonNull(title, "title");
    if (thumbnailSize < 16 || thumbnailSize > 512) {
      throw new IllegalArgumentException("thumbnail size must be in 16..512: " + thumbnailSize);
    }
    this.thumbnails = new Thumbnails(thumbnailSize);
    body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
  }

  /** Adds a paragraph of text. */
  public ThumbnailPage paragraph(String text) {
    body.append("<p>").append(Html.escape(text)).append("</p>\n");
    return this;
  }

  /** Adds a row: a label on the left, then the tiles. */
  public ThumbnailPage row(String label, List<Tile> tiles) {
    body.append("<div class=\"row\"><div class=\"label\">").append(lines(label)).append("</div>\n");
    for (Tile tile : tiles) {
      String frame = switch (tile.frame()) {
        case PLAIN -> "";
        case PRIMARY -> " primary";
        case MARKED -> " marked";
      };
      String cls =
          tile.image() == null
              ? "missing"
              : classes.computeIfAbsent(tile.image().toAbsolutePath().normalize(), f -> "i" + classes.size());
      String description = Html.escape(tile.caption());
      body.append("<div class=\"cell").append(frame).append("\"><div class=\"t ").append(cls)
          .append("\" role=\"img\" aria-label=\"").append(description).append("\" title=\"")
          .append(description).append("\"></div>").append(lines(tile.caption())).append("</div>\n");
    }
    body.append("</div>\n");
    return this;
  }

  /** The whole page. */
  public String html() {
    StringBuilder pictures = new StringBuilder();
    classes.forEach(
        (file, cls) ->
            thumbnails.dataUri(file).ifPresent(uri ->
                pictures.append('.').append(cls).append("{background-image:url(").append(uri)
                    .append(")}\n")));
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + Html.escape(title) + "</title>\n<style>" + STYLE + "\n" + pictures
        + "</style></head><body>\n" + body + "</body></html>\n";
  }

  /** Escaped text with its '\n' line breaks as {@code <br>}. */
  private static String lines(String text) {
    StringBuilder out = new StringBuilder();
    String[] parts = text.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append("<br>");
      }
      out.append(Html.escape(parts[i]));
    }
    return out.toString();
  }
}
