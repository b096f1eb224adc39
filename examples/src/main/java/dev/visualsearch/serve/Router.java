package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.visualsearch.image.ImageDecodeException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The server's one handler: finds the route, applies the concurrency limit and turns every
 * failure into a JSON error. A client never sees a stack trace; unexpected failures are logged
 * here with theirs.
 */
final class Router implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  /**
   * Set on a thread that runs a request because the executor's queue was full: the request is
   * answered 503 without being read (see {@link SearchServer}).
   */
  static final ThreadLocal<Boolean> OVERLOADED = ThreadLocal.withInitial(() -> false);

  private final List<Route> routes;
  private final Semaphore permits;
  private final int maxConcurrent;
  private final long queueTimeoutNanos;

  Router(List<Route> routes, int maxConcurrent, Duration queueTimeout) {
    this.routes = List.copyOf(routes);
    this.permits = new Semaphore(maxConcurrent, true);
    this.maxConcurrent = maxConcurrent;
    this.queueTimeoutNanos = queueTimeout.toNanos();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    try {
      if (OVERLOADED.get()) {
        throw busy();
      }
      Route route = null;
      String id = null;
      Set<String> allowed = new LinkedHashSet<>();
      for (Route candidate : routes) {
        String match = candidate.match(path);
        if (match != null) {
          allowed.add(candidate.method());
          if (candidate.method().equals(method) && route == null) {
            route = candidate;
            id = match.isEmpty() ? null : match;
          }
        }
      }
      if (route == null) {
        if (allowed.isEmpty()) {
          throw ApiException.notFound("no such endpoint: " + method + " " + path);
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new ApiException(405, "method " + method + " is not allowed on " + path
            + "; allowed: " + String.join(", ", allowed));
      }
      if (!route.gated()) {
        route.handler().handle(exchange, id);
        return;
      }
      // A page asks for a dozen thumbnails at once: a short wait absorbs such bursts, and only
      // a request that still finds no free slot after it is refused.
      if (!permits.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS)) {
        throw busy();
      }
      try {
        route.handler().handle(exchange, id);
      } finally {
        permits.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
      sendError(exchange, 503, "the server is stopping");
    } catch (ApiException e) {
      sendError(exchange, e.status(), e.getMessage());
    } catch (ImageDecodeException e) {
      // The decoder's message names the upload and the reason (empty, not an image, truncated,
      // too many pixels...); the pixel limit is a size limit like the upload limit.
      int status = e.reason() == ImageDecodeException.Reason.TOO_MANY_PIXELS ? 413 : 400;
      sendError(exchange, status, e.getMessage());
    } catch (IOException e) {
      // The handlers turn their own I/O failures into ApiExceptions; what is left is the
      // exchange's: a client that went away or broke off mid-request.
      LOG.log(Level.DEBUG, () -> method + " " + path + ": " + e);
      sendError(exchange, 400, "could not read the " + method + " " + path + " request: the"
          + " connection broke off");
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, method + " " + path + " failed", e);
      sendError(exchange, 500, "internal error while answering " + method + " " + path
          + "; the server log has the details");
    } finally {
      exchange.close();
    }
  }

  private ApiException busy() {
    return new ApiException(503, "the server is busy: " + maxConcurrent + " requests are being"
        + " answered already and none finished within " + queueTimeoutNanos / 1_000_000
        + " ms; retry in a moment");
  }

  private static void sendError(HttpExchange exchange, int status, String message) {
    try {
      if (status == 503) {
        exchange.getResponseHeaders().set("Retry-After", "1");
      }
      Exchanges.sendJson(exchange, status, Json.error(message));
    } catch (IOException | RuntimeException e) {
      // Headers already sent, or the client is gone: the connection is closed either way.
      LOG.log(Level.DEBUG, () -> "could not send error " + status + ": " + e);
    }
  }

  /** The routes as "METHOD template" lines, for the OpenAPI check and for people. */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    routes.forEach(route -> lines.add(route.method() + " " + route.template()));
    return lines;
  }
}
