package dev.visualsearch.eval.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** The little JSON the reports need: string literals and numbers. */
final class Json {

  private Json() {}

  /** {@code text} as a JSON string literal, quotes included (RFC 8259 escapes). */
  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A number, or {@code null} for NaN and infinities (which JSON cannot hold). */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return "null";
    }
    // Six significant digits: more than any measure here means, without float noise.
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
