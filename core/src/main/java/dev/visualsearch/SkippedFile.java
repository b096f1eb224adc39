package dev.visualsearch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that was not indexed, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file
 * @param reason what went wrong, for a person to read (the decoder's or embedder's message)
 */
public record SkippedFile(Path file, String reason) {

  /** @throws NullPointerException if an argument is null */
  public SkippedFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }
}
