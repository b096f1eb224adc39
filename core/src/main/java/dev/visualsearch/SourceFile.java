package dev.visualsearch;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a collection remembers of the file an item was indexed from: enough to tell on a later run
 * whether the file changed (size and modification time, then content), to recognise the same
 * content under another name, and to choose which of several copies to keep (resolution, age).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sha256 the SHA-256 of the file's bytes, 64 lower-case hex digits
 * @param size the file's size in bytes
 * @param lastModified the file's modification time, to the millisecond
 * @param width the decoded (upright) image's width in pixels
 * @param height the decoded (upright) image's height in pixels
 */
public record SourceFile(String sha256, long size, Instant lastModified, int width, int height) {

  /**
   * @throws IllegalArgumentException if the hash is not 64 hex digits, or a size is negative
   */
  public SourceFile {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(lastModified, "lastModified");
    if (sha256.length() != 64 || !sha256.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits: '" + sha256 + "'");
    }
    sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
    if (size < 0 || width < 0 || height < 0) {
      throw new IllegalArgumentException(
          "size, width and height must not be negative: " + size + ", " + width + ", " + height);
    }
  }

  /** The number of pixels, width × height. */
  public long pixels() {
    return (long) width * height;
  }

  /** Whether the file on disk still has this size and modification time. */
  boolean sameSizeAndTime(long size, Instant lastModified) {
    return this.size == size && this.lastModified.toEpochMilli() == lastModified.toEpochMilli();
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
