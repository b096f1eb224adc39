package dev.visualsearch.cli;

import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.index.cassandra.CassandraIndex;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.index.hnsw.HnswIndex;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The index kinds the CLI creates and opens, by {@link VectorIndexFactory#name()}. */
final class IndexKinds {

  private static final Map<String, VectorIndexFactory> FACTORIES =
      new TreeMap<>(
          Map.of(
              FlatIndex.factory().name(), FlatIndex.factory(),
              HnswIndex.factory().name(), HnswIndex.factory(),
              // Reconnects to the cluster the saved descriptor names; --cassandra overrides it.
              CassandraOptions.KIND, CassandraIndex.factory(b -> b)));

  private IndexKinds() {}

  /**
   * The factory called {@code name} (any case).
   *
   * @throws IllegalArgumentException if no index kind has that name
   */
  static VectorIndexFactory factory(String name) {
    VectorIndexFactory factory = FACTORIES.get(name.toLowerCase(Locale.ROOT));
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown index kind '" + name + "'; known: " + String.join(", ", FACTORIES.keySet()));
    }
    return factory;
  }
}
