package dev.visualsearch.image;

import java.io.IOException;
import java.util.Objects;

/**
 * An image could not be decoded. The message names the source (file path or the name given with
 * a stream) and the reason; {@link #reason()} classifies it for reports.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ImageDecodeException extends IOException {

  /** Why an image could not be decoded. */
  public enum Reason {
    /** The source holds no bytes. */
    EMPTY,
    /** No installed ImageIO reader recognises the bytes (not an image, or a format not supported). */
    UNSUPPORTED_FORMAT,
    /** The header declares more pixels than the decoder's limit (a decompression bomb guard). */
    TOO_MANY_PIXELS,
    /** The data ends before the image does. */
    TRUNCATED,
    /** The reader recognised the format but the data is damaged or inconsistent. */
    MALFORMED
  }

  private final String source;
  private final Reason reason;

  /** Creates an exception for {@code source} with a classified reason and its explanation. */
  public ImageDecodeException(String source, Reason reason, String detail) {
    this(source, reason, detail, null);
  }

  /** Creates an exception for {@code source} with a reason, its explanation and a cause. */
  public ImageDecodeException(String source, Reason reason, String detail, Throwable cause) {
    super(source + ": " + detail, cause);
    this.source = Objects.requireNonNull(source, "source");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The file path or stream name of the image that failed. */
  public String source() {
    return source;
  }

  /** The class of failure. */
  public Reason reason() {
    return reason;
  }
}
