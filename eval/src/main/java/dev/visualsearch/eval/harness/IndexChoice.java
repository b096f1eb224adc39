package dev.visualsearch.eval.harness;

import dev.visualsearch.Metric;
import dev.visualsearch.VectorIndexFactory;
import java.util.Objects;

/**
 * A named kind of index and metric. An exact index (flat) gives the reference answers: every
 * approximate index evaluated with the same embedder is also compared with it (the overlap of
 * their top results). Adding an approximate index to an evaluation is one more choice, e.g.
 * {@code IndexChoice.approximate("hnsw", HnswIndex.factory(), Metric.COSINE)}. Immutable and
 * thread-safe.
 *
 * @param name a short name for reports
 * @param factory creates the index
 * @param metric the metric to search with
 * @param exact whether the index returns the true nearest neighbours
 */
public record IndexChoice(String name, VectorIndexFactory factory, Metric metric, boolean exact) {

  /** @throws IllegalArgumentException if the name is blank */
  public IndexChoice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(metric, "metric");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an index choice needs a name");
    }
  }

  /** An exact index, such as {@code FlatIndex.factory()}. */
  public static IndexChoice exact(String name, VectorIndexFactory factory, Metric metric) {
    return new IndexChoice(name, factory, metric, true);
  }

  /** An approximate index, compared with the exact one of the same evaluation. */
  public static IndexChoice approximate(String name, VectorIndexFactory factory, Metric metric) {
    return new IndexChoice(name, factory, metric, false);
  }
}
