package dev.visualsearch;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of indexing a folder: how many images were added, which files were skipped and why,
 * and how many files were not considered because their names are not those of images.
 *
 * <p>Immutable and thread-safe.
 *
 * @param added the number of images embedded and stored
 * @param skipped image files that could not be indexed (unreadable, not an image despite the
 *     name, too large...), in path order
 * @param ignored the number of files whose extension is not an image's (text files, CSV...)
 * @param elapsed the wall-clock time the indexing took
 */
public record FolderReport(int added, List<SkippedFile> skipped, int ignored, Duration elapsed) {

  /** Copies {@code skipped}. */
  public FolderReport {
    skipped = List.copyOf(skipped);
  }

  /** Images added per second of wall-clock time. */
  public double imagesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? added / seconds : 0;
  }
}
