package dev.visualsearch.eval;

import java.io.IOException;

/**
 * A TREC qrels or run file that does not follow the format; the message names the file, the line
 * number and what is wrong with the line. Immutable once thrown, like any exception.
 */
public final class TrecFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int line;

  /** @param source the file (or stream) name; @param line the 1-based line number */
  public TrecFormatException(String source, int line, String problem) {
    super(source + " line " + line + ": " + problem);
    this.line = line;
  }

  /** The 1-based number of the line that is wrong. */
  public int line() {
    return line;
  }
}
