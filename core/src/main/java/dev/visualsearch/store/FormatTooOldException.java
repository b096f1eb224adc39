package dev.visualsearch.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file was written in a format version older than this code still reads.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class FormatTooOldException extends IOException {

  /** Creates an exception naming the file, its version and the oldest version read. */
  public FormatTooOldException(Path file, String codec, int version, int minVersion) {
    super(
        file
            + " holds "
            + codec
            + " format version "
            + version
            + ", older than the oldest version this code reads ("
            + minVersion
            + "); rebuild it with the current version");
  }
}
