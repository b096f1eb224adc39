package dev.visualsearch.serve;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code multipart/form-data} body (RFC 7578), already bounded in size by the caller.
 * Each part keeps its bytes; a part's declared {@code Content-Type} is ignored on purpose, since
 * an upload is decoded by what its bytes are, never by what the client says they are.
 */
final class Multipart {

  /** One form field or file. */
  record Part(String name, String filename, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
  private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

  private Multipart() {}

  /**
   * The parts of {@code body} by field name (the first of a repeated name wins).
   *
   * @throws ApiException 400 if the content type is not multipart/form-data with a boundary or
   *     the body is not well-formed
   */
  static Map<String, Part> parse(String contentType, byte[] body) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw ApiException.badRequest(
          "the upload must be multipart/form-data with the image in a field named 'image'; the"
              + " request's Content-Type is " + (contentType == null ? "missing" : contentType));
    }
    Matcher boundaryMatch = BOUNDARY.matcher(contentType);
    if (!boundaryMatch.find()) {
      throw ApiException.badRequest("the multipart Content-Type names no boundary: " + contentType);
    }
    String boundary = boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int start = indexOf(body, delimiter, 0);
    if (start < 0) {
      throw malformed("the boundary never occurs in the body");
    }
    int position = start + delimiter.length;
    while (true) {
      if (startsWith(body, position, "--")) {
        return parts; // the closing delimiter
      }
      if (!startsWith(body, position, "\r\n")) {
        throw malformed("a boundary is not followed by a line break");
      }
      int headersStart = position + 2;
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        throw malformed("a part's headers do not end");
      }
      // Header values are ASCII in practice; a UTF-8 file name still decodes correctly.
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        throw malformed("a part does not end with the boundary (a truncated upload?)");
      }
      String disposition = header(headers, "content-disposition");
      if (disposition != null) {
        Matcher name = NAME.matcher(disposition);
        if (name.find()) {
          Matcher filename = FILENAME.matcher(disposition);
          byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
          parts.putIfAbsent(
              name.group(1), new Part(name.group(1), filename.find() ? filename.group(1) : null, content));
        }
      }
      position = contentEnd + next.length;
    }
  }

  private static ApiException malformed(String reason) {
    return ApiException.badRequest("malformed multipart/form-data body: " + reason);
  }

  private static String header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] body, int position, String text) {
    if (position + text.length() > body.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (body[position + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The first index of {@code pattern} in {@code body} at or after {@code from}, or -1. */
  static int indexOf(byte[] body, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= body.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (body[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
