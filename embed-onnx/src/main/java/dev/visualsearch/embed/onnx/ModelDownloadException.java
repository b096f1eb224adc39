package dev.visualsearch.embed.onnx;

import java.io.IOException;
import java.net.URI;

/**
 * A model download that failed: an HTTP error status, a connection or read timeout, or a body that
 * ended before its declared length. Nothing is left under the model's name in the cache.
 */
public final class ModelDownloadException extends IOException {

  private static final long serialVersionUID = 1L;

  private final URI url;

  ModelDownloadException(URI url, String message, Throwable cause) {
    super("downloading " + url + ": " + message, cause);
    this.url = url;
  }

  /** The URL whose download failed. */
  public URI url() {
    return url;
  }
}
