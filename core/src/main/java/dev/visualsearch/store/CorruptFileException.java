package dev.visualsearch.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is not what it should be: wrong checksum, truncated, not a visualsearch file, or a value
 * inside it out of range. The message names the file and what is wrong.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class CorruptFileException extends IOException {

  private final Path file;

  /** Creates an exception for {@code file} with the reason it is corrupt. */
  public CorruptFileException(Path file, String reason) {
    super(file + " is corrupt: " + reason);
    this.file = file;
  }

  /** The file found corrupt. */
  public Path file() {
    return file;
  }
}
