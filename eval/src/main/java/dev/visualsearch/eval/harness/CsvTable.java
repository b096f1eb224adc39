package dev.visualsearch.eval.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small CSV file (RFC 4180: commas, double-quoted fields with {@code ""} for a quote)
 * into rows of fields. A record ends at LF or CRLF; a carriage return anywhere else is data. That
 * is the rule that reads the shared {@code tuxpaint/labels.csv} right: its lines end in CRLF and
 * its paths hold a lone CR inside ({@code "animals-birds\r/robin.png"}), which a line reader that
 * also ends lines at CR ({@link java.io.BufferedReader#readLine}) would cut in two.
 */
final class CsvTable {

  private CsvTable() {}

  /**
   * The rows of {@code file}; blank lines are skipped.
   *
   * @throws IOException if the file cannot be read, or a quoted field is not closed (the message
   *     names the file and line)
   */
  static List<List<String>> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  static List<List<String>> parse(String text, String source) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    int quoteLine = 0;
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
        }
        continue;
      }
      boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
      if (c == '\n' || crlf) {
        endRow(rows, row, field, fieldStarted);
        row = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        i += crlf ? 1 : 0;
        line++;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        quoteLine = line;
        fieldStarted = true;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new IOException(source + " line " + quoteLine + ": a quoted field is not closed");
    }
    endRow(rows, row, field, fieldStarted);
    return rows;
  }

  private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, boolean started) {
    if (started || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(List.copyOf(row));
    }
  }
}
