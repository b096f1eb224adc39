package dev.visualsearch.eval;

import java.util.ArrayList;
import java.util.List;

/** Splitting and decoding shared by the qrels and run readers. */
final class TrecLines {

  private TrecLines() {}

  /** The blank- or tab-separated fields of a line; empty for a blank line. */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>(6);
    int i = 0;
    while (i < line.length()) {
      while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        fields.add(line.substring(start, i));
      }
    }
    return fields;
  }

  /** The id a token stands for; a bad escape becomes a format error naming the line. */
  static String id(String token, String source, int line) throws TrecFormatException {
    try {
      return TrecIds.decode(token);
    } catch (IllegalArgumentException e) {
      throw new TrecFormatException(source, line, e.getMessage());
    }
  }
}
