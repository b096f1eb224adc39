package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading requests and writing responses of the JDK's HTTP server, with the limits applied. */
final class Exchanges {

  static final String JSON = "application/json; charset=utf-8";

  /** The most of an oversized body read and dropped before answering 413. */
  static final long MAX_DISCARD = 64L * 1024 * 1024;

  private Exchanges() {}

  static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
    send(exchange, status, JSON, body);
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // Uploads are sniffed by content; the browser must not sniff our answers into something else.
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /**
   * The request body, at most {@code limit} bytes: a larger declared length is refused before
   * anything is read, and a body without a length (chunked) is read only to one byte past it.
   *
   * @throws ApiException 413 if the body is larger than {@code limit}
   */
  static byte[] readBody(HttpExchange exchange, long limit, String what) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("the Content-Length header is not a number: " + declared);
      }
      if (length > limit) {
        discard(exchange, length);
        throw tooLarge(what, length + " bytes", limit);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        body.write(buffer, 0, n);
        if (body.size() > limit) {
          discard(exchange, MAX_DISCARD);
          throw tooLarge(what, "more than " + limit + " bytes", limit);
        }
      }
    }
    return body.toByteArray();
  }

  /**
   * Reads and drops up to {@code length} bytes of the request body (at most {@link
   * #MAX_DISCARD}): a client still sending when the server answers and closes gets a connection
   * reset instead of the 413, so a moderately oversized body is swallowed first.
   */
  private static void discard(HttpExchange exchange, long length) throws IOException {
    InputStream in = exchange.getRequestBody();
    long left = Math.min(length, MAX_DISCARD);
    byte[] buffer = new byte[64 * 1024];
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  private static ApiException tooLarge(String what, String size, long limit) {
    return new ApiException(413, what + " is too large: " + size + ", the limit is " + limit
        + " bytes");
  }

  /** The query parameters, decoded; the first value of a repeated name wins. */
  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }

  /**
   * The value of the cookie {@code name}, percent-decoded, or null when the request has none.
   */
  static String cookie(HttpExchange exchange, String name) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : header.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
          return decodePathSegment(pair.substring(equals + 1).trim());
        }
      }
    }
    return null;
  }

  /** Decodes a form-encoded query component ({@code +} is a space). */
  static String decode(String component) {
    try {
      return URLDecoder.decode(component, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed percent-encoding in '" + component + "'");
    }
  }

  /** Decodes a path segment: {@code %XX} escapes only, a {@code +} stays a plus. */
  static String decodePathSegment(String raw) {
    return decode(raw.replace("+", "%2B"));
  }

  /** Encodes an id as one path segment: {@code /} becomes {@code %2F}, a space {@code %20}. */
  static String encodePathSegment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
