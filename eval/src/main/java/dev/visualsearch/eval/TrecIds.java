package dev.visualsearch.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes ids as single tokens of a whitespace-separated TREC file, and reads them back. The format
 * cannot hold whitespace in an id, yet file names may (the folders of the shared tuxpaint photos
 * end in a carriage return). So whitespace, control characters and {@code '%'} itself are
 * percent-encoded as the bytes of their UTF-8 form ({@code "birds\r/robin.png"} → {@code
 * "birds%0D/robin.png"}); every other character stays as it is. The encoding is reversible and
 * two different ids never become the same token, so qrels and runs written here always agree
 * with each other and with any tool that compares tokens.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrecIds {

  private TrecIds() {}

  /** Whether {@code id} is written differently from itself. */
  public static boolean needsEncoding(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (special(id.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The token for {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public static String encode(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("an id must not be empty");
    }
    if (!needsEncoding(id)) {
      return id;
    }
    StringBuilder out = new StringBuilder(id.length() + 8);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!special(c)) {
        out.append(c);
        continue;
      }
      for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /**
   * The id a token stands for: the inverse of {@link #encode}.
   *
   * @throws IllegalArgumentException if a {@code '%'} is not followed by two hex digits
   */
  public static String decode(String token) {
    Objects.requireNonNull(token, "token");
    if (token.indexOf('%') < 0) {
      return token;
    }
    StringBuilder out = new StringBuilder(token.length());
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c != '%') {
        flush(pending, out);
        out.append(c);
        continue;
      }
      int high = i + 1 < token.length() ? Character.digit(token.charAt(i + 1), 16) : -1;
      int low = i + 2 < token.length() ? Character.digit(token.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        throw new IllegalArgumentException(
            "'%' at " + i + " of '" + token + "' is not followed by two hex digits");
      }
      pending.write(high << 4 | low);
      i += 2;
    }
    flush(pending, out);
    return out.toString();
  }

  /** Escaped bytes are collected first: one character may take several (UTF-8). */
  private static void flush(ByteArrayOutputStream pending, StringBuilder out) {
    if (pending.size() > 0) {
      out.append(pending.toString(StandardCharsets.UTF_8));
      pending.reset();
    }
  }

  private static boolean special(char c) {
    return c == '%' || c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
