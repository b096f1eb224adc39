package dev.visualsearch;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of indexing a folder: what was embedded, what could be left as it was, what was
 * removed, which files were skipped and why, and how many files were not considered because their
 * names are not those of images.
 *
 * <p>Immutable and thread-safe.
 *
 * @param added images new to the collection, embedded and stored
 * @param updated images whose file changed since they were stored, embedded again
 * @param unchanged images already stored as they are on disk: nothing embedded
 * @param reused images whose content was already stored under another id (a renamed or copied
 *     file): stored with that vector, nothing embedded
 * @param removed items whose files are gone from the folder (or unreadable now), removed; only
 *     {@link VisualSearch#syncFolder} removes
 * @param skipped image files that could not be indexed (unreadable, not an image despite the
 *     name, too large...), in path order
 * @param ignored the number of files whose extension is not an image's (text files, CSV...)
 * @param elapsed the wall-clock time the indexing took
 */
public record FolderReport(
    int added,
    int updated,
    int unchanged,
    int reused,
    int removed,
    List<SkippedFile> skipped,
    int ignored,
    Duration elapsed) {

  /** Copies {@code skipped}. */
  public FolderReport {
    skipped = List.copyOf(skipped);
  }

  /** The number of images embedded: added plus updated. */
  public int embedded() {
    return added + updated;
  }

  /** Images embedded per second of wall-clock time. */
  public double imagesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? embedded() / seconds : 0;
  }
}
