package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The page and the OpenAPI description, read once from the class path. Each is served by a route
 * of its own, so no request path ever names a resource.
 */
final class StaticFiles {

  static final String BASE = "/dev/visualsearch/serve/";

  /** Scripts and styles come from this server only; images also from blob: (the upload preview). */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; frame-ancestors 'none'";

  private StaticFiles() {}

  /** A handler that serves resource {@code name} under {@link #BASE} as {@code contentType}. */
  static Route.Handler resource(String name, String contentType) {
    byte[] bytes = read(name);
    return (exchange, unused) -> {
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      Exchanges.send(exchange, 200, contentType, bytes);
    };
  }

  static byte[] read(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + BASE + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves a thumbnail: immutable for the life of the server, so browsers may keep it. */
  static void sendJpeg(HttpExchange exchange, byte[] jpeg) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
    Exchanges.send(exchange, 200, "image/jpeg", jpeg);
  }
}
