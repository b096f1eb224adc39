package dev.visualsearch;

/**
 * The model could not turn an image into a vector: the inference engine failed, or the image is
 * unusable for the model (for example a width or height of zero). The message names the model
 * and the reason.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class EmbeddingException extends RuntimeException {

  /** Creates an exception with a message that names the model and the reason. */
  public EmbeddingException(String message) {
    super(message);
  }

  /** Creates an exception with a message that names the model and the reason, and its cause. */
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
