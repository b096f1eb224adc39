package dev.visualsearch.cli;

import java.io.PrintWriter;
import java.util.List;

/** RFC 4180 CSV lines: a field with a comma, quote or line break is quoted, quotes doubled. */
final class Csv {

  private Csv() {}

  static void row(PrintWriter out, List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(fields.get(i)));
    }
    out.print(line.append("\r\n"));
  }

  static String field(String value) {
    if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
