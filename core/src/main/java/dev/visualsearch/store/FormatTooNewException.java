package dev.visualsearch.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file was written in a format version newer than this code reads: it was saved by a later
 * release of visualsearch.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class FormatTooNewException extends IOException {

  /** Creates an exception naming the file, its version and the newest version read. */
  public FormatTooNewException(Path file, String codec, int version, int maxVersion) {
    super(
        file
            + " holds "
            + codec
            + " format version "
            + version
            + ", newer than the newest version this code reads ("
            + maxVersion
            + "); open it with a newer release of visualsearch");
  }
}
