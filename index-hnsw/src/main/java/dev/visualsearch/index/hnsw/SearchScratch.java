package dev.visualsearch.index.hnsw;

/**
 * The working memory of one graph search or insertion — visited set, candidate and result
 * queues, buffers — kept between searches so that a search allocates nothing but its result.
 *
 * <p>Not thread-safe: a thread takes one from the {@link ScratchPool} for the length of a search.
 */
final class SearchScratch {

  final VisitedSet visited = new VisitedSet();
  /** Candidates to expand, best first: complemented {@link ScoredNode} keys in a min-heap. */
  final LongHeap candidates = new LongHeap(256);
  /** The best accepted nodes found, worst first: {@link ScoredNode} keys in a min-heap. */
  final LongHeap results = new LongHeap(256);
  /** A neighbour list being expanded. */
  final int[] neighbours;
  /** Room for a vector copied out of a mapped file, or for the vector being inserted. */
  final float[] vector;
  final float[] query;
  /** Keys taken out of {@link #results}, best first, and used as the next layer's entries. */
  long[] keys = new long[256];
  /** The number of nodes the last {@link LayerSearch#beam} scored. */
  int visitedCount;

  // Insertion only: the neighbours chosen for the new node, and a list being linked or pruned.
  final long[] selected;
  final long[] linkKeys;
  final long[] pruned;
  final long[] merged;
  final int[] links;

  SearchScratch(int dimension, int maxConnections) {
    neighbours = new int[maxConnections];
    vector = new float[dimension];
    query = new float[dimension];
    selected = new long[maxConnections + 1];
    linkKeys = new long[maxConnections + 1];
    pruned = new long[maxConnections + 1];
    merged = new long[2 * maxConnections + 2];
    links = new int[maxConnections + 1];
  }

  /** {@link #keys}, grown to hold at least {@code length} keys. */
  long[] keys(int length) {
    if (keys.length < length) {
      keys = new long[Math.max(length, keys.length * 2)];
    }
    return keys;
  }
}
