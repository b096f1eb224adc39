package dev.visualsearch.serve;

/**
 * A request the server refuses, with the HTTP status and the message the client sees as {@code
 * {"error": "..."}}. The message names the input and the reason, so it must never carry internals
 * (stack traces, server paths of anything but indexed items).
 */
final class ApiException extends RuntimeException {

  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
