package dev.visualsearch.eval.report;

/** Escaping for text and attribute values in HTML. */
final class Html {

  private Html() {}

  /**
   * {@code text} safe inside an element or a double-quoted attribute: {@code & < > " '} become
   * entities, and control characters (a carriage return in a file name) are shown as {@code \r}
   * or {@code \\u000b} so that they are visible rather than silently swallowed.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
