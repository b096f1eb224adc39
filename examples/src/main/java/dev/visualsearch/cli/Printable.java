package dev.visualsearch.cli;

/**
 * Makes names safe to print on a terminal. File names may hold control characters (a carriage
 * return at the end of a directory name is a classic of files copied from Windows); printed raw,
 * they move the cursor and garble the line. They are shown as escapes instead: {@code \r},
 * {@code \n}, {@code \t}, or {@code \\u001b} and the like.
 */
final class Printable {

  private Printable() {}

  static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || c == 0x7f;
      if (control && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        if (!control) {
          out.append(c);
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\t') {
          out.append("\\t");
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
