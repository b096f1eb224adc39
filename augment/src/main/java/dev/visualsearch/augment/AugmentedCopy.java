package dev.visualsearch.augment;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One augmented copy written by {@link AugmentedCopies}. Immutable and thread-safe.
 *
 * @param originalId the id of the image it was made from
 * @param id the copy's id: its path relative to the output directory, with '/' separators
 * @param file where the copy was written (PNG, lossless, so the file holds exactly the pixels
 *     the augmentation made)
 * @param seed the seed it was made with: {@code augmentation.apply(original, seed)} makes it again
 */
public record AugmentedCopy(String originalId, String id, Path file, long seed) {
  /** @throws NullPointerException if an id or the file is null */
  public AugmentedCopy {
    Objects.requireNonNull(originalId, "originalId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(file, "file");
  }
}
