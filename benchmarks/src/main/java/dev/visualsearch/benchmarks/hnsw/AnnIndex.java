package dev.visualsearch.benchmarks.hnsw;

/**
 * One library's HNSW index over a {@link BenchDataset}, behind the few calls the benchmark needs,
 * so that one JMH class measures every library the same way.
 *
 * <p>Searches are for one thread at a time per instance.
 */
interface AnnIndex {

  /**
   * The library's own answer to a top-{@value BenchDataset#K} search with beam width {@code ef}
   * (whatever object it returns; the benchmark consumes it). This is the measured call.
   */
  Object search(float[] query, int ef);

  /** The item numbers of the top {@value BenchDataset#K}, best first, for recall. */
  int[] topK(float[] query, int ef);

  /** The bytes of the vectors as this library holds them (arrays and their headers). */
  long vectorBytes();

  /** The bytes of the graph, as the library accounts for them. */
  long graphBytes();

  /** Which vector arithmetic the library runs: scalar or SIMD, as it reports it. */
  String kernel();

  /** The graph settings, in the library's own terms. */
  String settings();
}
