package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * One endpoint: a method and a path template with at most one {@code {id}} parameter, which
 * matches one percent-encoded path segment (an id's {@code /} arrives as {@code %2F}).
 *
 * @param method the HTTP method
 * @param template e.g. {@code /api/similar/{id}} or {@code /thumbs/{id}.jpg}
 * @param gated whether the request counts against the concurrency limit
 * @param handler answers the request; gets the decoded {@code {id}}, or null
 */
record Route(String method, String template, boolean gated, Handler handler) {

  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, String id) throws IOException;
  }

  private static final String PARAMETER = "{id}";

  /** The decoded {@code {id}} when {@code rawPath} matches ("" for a template without one), or null. */
  String match(String rawPath) {
    int parameter = template.indexOf(PARAMETER);
    if (parameter < 0) {
      return template.equals(rawPath) ? "" : null;
    }
    String prefix = template.substring(0, parameter);
    String suffix = template.substring(parameter + PARAMETER.length());
    if (!rawPath.startsWith(prefix) || !rawPath.endsWith(suffix)
        || rawPath.length() <= prefix.length() + suffix.length()) {
      return null;
    }
    String segment = rawPath.substring(prefix.length(), rawPath.length() - suffix.length());
    if (segment.contains("/")) {
      return null; // an id with a slash must be encoded; a raw one is another path
    }
    return Exchanges.decodePathSegment(segment);
  }
}
