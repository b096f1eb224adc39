package dev.visualsearch.cli;

import dev.visualsearch.Metric;
import dev.visualsearch.eval.harness.IndexChoice;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.index.hnsw.HnswIndex;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The index kinds {@code eval --index} knows, by name. For an approximate one (hnsw) the harness
 * also reports its overlap with flat and its latency.
 */
final class IndexChoices {

  private static final Map<String, Function<Metric, IndexChoice>> KINDS =
      new TreeMap<>(
          Map.of(
              "flat", metric -> IndexChoice.exact("flat", FlatIndex.factory(), metric),
              "hnsw", metric -> IndexChoice.approximate("hnsw", HnswIndex.factory(), metric)));

  private IndexChoices() {}

  /**
   * The index choice called {@code name} (any case) with {@code metric}; named {@code name} alone
   * for cosine, {@code name/metric} otherwise.
   *
   * @throws IllegalArgumentException if no index kind has that name
   */
  static IndexChoice of(String name, Metric metric) {
    Function<Metric, IndexChoice> kind = KINDS.get(name.toLowerCase(Locale.ROOT));
    if (kind == null) {
      throw new IllegalArgumentException("unknown index '" + name + "'; known: " + String.join(", ", KINDS.keySet()));
    }
    IndexChoice choice = kind.apply(metric);
    if (metric == Metric.COSINE) {
      return choice;
    }
    return new IndexChoice(choice.name() + "/" + metric.name().toLowerCase(Locale.ROOT),
        choice.factory(), metric, choice.exact());
  }
}
