package dev.visualsearch.organize;

import dev.visualsearch.CatalogEntry;
import dev.visualsearch.SourceFile;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * How {@link NearDuplicates} groups copies: the similarity that makes two images copies, which
 * copy to keep, and how hard to look.
 *
 * <p>Immutable and thread-safe; the setters return changed copies.
 */
public final class DuplicateOptions {

  /**
   * The default cosine similarity at and above which two images count as copies of each other
   * (re-encoded, resized, cropped a little, colour-shifted, mirrored). See the calibration in the
   * README: below it lie different photos of the same object or scene — "similar", not copies.
   */
  public static final double DEFAULT_COPY_COSINE = 0.90;

  /**
   * Keeps the copy with the most pixels, then the oldest file, then the smallest id. Items without
   * file facts come last.
   */
  public static final Comparator<CatalogEntry> LARGEST_THEN_OLDEST =
      Comparator.<CatalogEntry>comparingLong(
              e -> -e.sourceFile().map(SourceFile::pixels).orElse(-1L))
          .thenComparing(
              e -> e.sourceFile().map(SourceFile::lastModified).orElse(Instant.MAX))
          .thenComparing(CatalogEntry::id);

  private static final DuplicateOptions DEFAULTS =
      new DuplicateOptions(DEFAULT_COPY_COSINE, LARGEST_THEN_OLDEST, 10,
          Runtime.getRuntime().availableProcessors());

  private final double copyCosine;
  private final Comparator<CatalogEntry> keep;
  private final int neighbours;
  private final int threads;

  private DuplicateOptions(
      double copyCosine, Comparator<CatalogEntry> keep, int neighbours, int threads) {
    this.copyCosine = copyCosine;
    this.keep = keep;
    this.neighbours = neighbours;
    this.threads = threads;
  }

  /** Threshold {@value #DEFAULT_COPY_COSINE}, keep the largest then oldest, 10 neighbours. */
  public static DuplicateOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The cosine similarity at and above which two images are copies.
   *
   * @throws IllegalArgumentException if {@code cosine} is outside [-1, 1]
   */
  public DuplicateOptions copyCosine(double cosine) {
    if (!(cosine >= -1 && cosine <= 1)) {
      throw new IllegalArgumentException("copy cosine must be in [-1, 1]: " + cosine);
    }
    return new DuplicateOptions(cosine, keep, neighbours, threads);
  }

  /**
   * Which copy of a group to keep: the first in this order (ties: the smallest id). If unset,
   * {@link #LARGEST_THEN_OLDEST}.
   */
  public DuplicateOptions keep(Comparator<CatalogEntry> preferred) {
    Objects.requireNonNull(preferred, "preferred");
    return new DuplicateOptions(
        copyCosine, preferred.thenComparing(CatalogEntry::id), neighbours, threads);
  }

  /**
   * How many nearest neighbours each image is first checked against; where all of them are
   * copies, the search widens (doubling) until it finds one that is not. If unset, 10.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public DuplicateOptions neighbours(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("neighbours must be at least 1: " + k);
    }
    return new DuplicateOptions(copyCosine, keep, k, threads);
  }

  /**
   * Threads searching at once. If unset, the number of available processors.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public DuplicateOptions threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + n);
    }
    return new DuplicateOptions(copyCosine, keep, neighbours, n);
  }

  public double copyCosine() {
    return copyCosine;
  }

  public Comparator<CatalogEntry> keep() {
    return keep;
  }

  public int neighbours() {
    return neighbours;
  }

  public int threads() {
    return threads;
  }
}
