package dev.visualsearch.embed.onnx;

import java.io.IOException;

/**
 * A model file whose bytes do not have the sha256 its {@link KnownModel} pins: a damaged or
 * tampered download, a different release, or a wrong local copy. The file is never used.
 */
public final class ChecksumMismatchException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  ChecksumMismatchException(String what, String expected, String actual) {
    super(what + " has sha256 " + actual + ", expected " + expected);
    this.expected = expected;
    this.actual = actual;
  }

  /** The sha256 the file should have. */
  public String expected() {
    return expected;
  }

  /** The sha256 of the bytes received or found. */
  public String actual() {
    return actual;
  }
}
