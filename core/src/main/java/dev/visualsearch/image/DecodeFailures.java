package dev.visualsearch.image;

import dev.visualsearch.image.ImageDecodeException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Turns what ImageIO readers report (exceptions, warnings, unrecognised bytes) into classified
 * {@link ImageDecodeException}s with messages a person can act on.
 *
 * <p>Readers say "the data ended early" in many ways: the JDK's JPEG reader only warns ("Truncated
 * File - Missing EOI marker", libjpeg's "Premature end of JPEG file" and "Corrupt JPEG data:
 * premature end of data segment") and returns a partly grey picture; the PNG reader reports a chunk
 * that runs past the end of the data as "Invalid chunk length"; others throw an {@link
 * EOFException} or zlib's "Unexpected end of ZLIB input stream". All of these mean {@link
 * Reason#TRUNCATED}.
 *
 * <p>Stateless; thread-safe.
 */
final class DecodeFailures {

  /** Lower-case fragments of reader messages that mean the data ends before the image does. */
  private static final List<String> TRUNCATION_SIGNS =
      List.of("premature end", "missing eoi", "truncated", "unexpected end",
          "invalid chunk length");

  /** The JDK's JPEG reader's message for colour encodings it cannot convert (CMYK, YCCK). */
  private static final String UNSUPPORTED_TYPE_SIGN = "unsupported image type";

  /** How many leading bytes an "unrecognised format" message shows. */
  static final int HEAD_BYTES_SHOWN = 8;

  private DecodeFailures() {}

  /** Whether a reader warning or exception message says the data ends too early. */
  static boolean meansTruncated(String message) {
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return TRUNCATION_SIGNS.stream().anyMatch(lower::contains);
  }

  /**
   * The distinct {@code warnings} that say the data ends too early, joined with "; ", or {@code
   * null} if none does.
   */
  static String truncationWarning(List<String> warnings) {
    List<String> signs =
        warnings.stream().filter(DecodeFailures::meansTruncated).distinct().toList();
    return signs.isEmpty() ? null : String.join("; ", signs);
  }

  /** The image decoded, but the reader warned that the data ended early. */
  static ImageDecodeException truncated(String source, String format, String warning) {
    return new ImageDecodeException(source, Reason.TRUNCATED,
        "truncated " + format + ": the data ends before the image does (reader warnings: "
            + warning + ")");
  }

  /**
   * Classifies an exception thrown by a reader; {@code warnings} are those it emitted first (the
   * JPEG reader often warns about the missing data and then fails on what it found instead).
   */
  static ImageDecodeException fromReaderFailure(String source, String format, Exception failure,
      List<String> warnings) {
    String warning = truncationWarning(warnings);
    String message = describe(failure);
    if (warning != null || causedByEndOfData(failure)) {
      return new ImageDecodeException(source, Reason.TRUNCATED,
          "truncated " + format + ": the data ends before the image does ("
              + (warning != null ? "reader warnings: " + warning + "; then " : "") + message + ")",
          failure);
    }
    if (message.toLowerCase(Locale.ROOT).contains(UNSUPPORTED_TYPE_SIGN)) {
      return new ImageDecodeException(source, Reason.UNSUPPORTED_FORMAT,
          "a " + format + " variant the installed reader cannot decode (" + message + ")"
              + ("JPEG".equals(format) ? "; CMYK and YCCK JPEG need "
                  + ImageDecoder.TWELVEMONKEYS_JPEG + " on the class path" : ""),
          failure);
    }
    return new ImageDecodeException(source, Reason.MALFORMED,
        "damaged " + format + " data (" + message + ")", failure);
  }

  /** No installed reader recognises the bytes that start with {@code head[0, length)}. */
  static ImageDecodeException unrecognised(String source, byte[] head, int length) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(length, HEAD_BYTES_SHOWN); i++) {
      hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xFF));
    }
    String known = knownKind(head, length);
    if (known != null) {
      return new ImageDecodeException(source, Reason.UNSUPPORTED_FORMAT,
          known + " (starts with bytes " + hex + ")");
    }
    String hint;
    if (isText(head, length)) {
      String shown = new String(head, 0, Math.min(length, HEAD_BYTES_SHOWN),
          StandardCharsets.US_ASCII).replaceAll("\\s", " ");
      hint = ", \"" + shown + "\", which look like text, not an image";
    } else {
      hint = "; no installed ImageIO reader accepts them";
    }
    return new ImageDecodeException(source, Reason.UNSUPPORTED_FORMAT,
        "not a recognised image format (starts with bytes " + hex + hint + ")");
  }

  /** What a file that no reader accepts is, when its signature says so; else {@code null}. */
  private static String knownKind(byte[] head, int length) {
    if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WEBP")) {
      return "a WebP image, but no installed ImageIO reader decodes WebP; add "
          + ImageDecoder.TWELVEMONKEYS_WEBP + " to the class path";
    }
    if (startsWith(head, length, 4, "ftyp")) {
      return "an ISO media file (HEIF, AVIF or video), which no installed ImageIO reader decodes";
    }
    if (startsWith(head, length, 0, "%PDF")) {
      return "a PDF document, not an image";
    }
    return null;
  }

  private static boolean startsWith(byte[] head, int length, int at, String ascii) {
    if (length < at + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (head[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isText(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xFF;
      boolean printable = b >= 0x20 && b < 0x7F;
      if (!printable && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return length > 0;
  }

  private static boolean causedByEndOfData(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EOFException || meansTruncated(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** The failure's message, with its causes' messages when they add something. */
  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Reader I/O messages read well alone; for anything else (a reader's runtime exception on
      // bad data) the exception's name is part of the story.
      String part = t instanceof IOException && t.getMessage() != null
          ? t.getMessage()
          : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      if (text.indexOf(part) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(part);
      }
    }
    return text.toString();
  }
}
