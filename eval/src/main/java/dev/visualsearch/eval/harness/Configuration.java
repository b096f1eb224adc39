package dev.visualsearch.eval.harness;

import java.util.Objects;

/**
 * One system to evaluate: an embedder choice and an index choice. Immutable and thread-safe.
 *
 * @param embedder how images become vectors
 * @param index how vectors are searched
 */
public record Configuration(EmbedderChoice embedder, IndexChoice index) {

  /** @throws NullPointerException if an argument is null */
  public Configuration {
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(index, "index");
  }

  /** {@code embedder name + " + " + index name}, e.g. {@code mobilenetv2-12-int8 + flat}. */
  public String name() {
    return embedder.name() + " + " + index.name();
  }
}
