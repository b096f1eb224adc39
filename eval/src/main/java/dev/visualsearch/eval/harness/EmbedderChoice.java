package dev.visualsearch.eval.harness;

import dev.visualsearch.Embedder;
import java.io.IOException;
import java.util.Objects;

/**
 * A named way to embed images: a model with its preprocessing and options. The harness opens it
 * once, embeds each distinct image file once with it, and closes it at the end. Immutable and
 * thread-safe if the opener is.
 *
 * @param name a short name for reports, e.g. {@code mobilenetv2-12-int8/center-crop}
 * @param opener opens a new embedder
 */
public record EmbedderChoice(String name, Opener opener) {

  /**
   * Opens an embedder; the caller closes it. The harness calls it from one thread, once per
   * run.
   */
  @FunctionalInterface
  public interface Opener {
    /** @throws IOException if the model cannot be loaded */
    Embedder open() throws IOException;
  }

  /** @throws IllegalArgumentException if the name is blank */
  public EmbedderChoice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opener, "opener");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an embedder choice needs a name");
    }
  }
}
