package dev.visualsearch.index.hnsw;

/**
 * Packs a (score, node) pair into one {@code long} whose natural order is the ranking order: a
 * higher score ranks higher, and among equal scores the lower node (the one added earlier) ranks
 * higher. Heaps and sorts then compare one primitive instead of two fields and never box.
 *
 * <p>The upper 32 bits hold the score as a "sortable int" (the IEEE 754 bits with the magnitude
 * bits flipped for negative numbers, so that signed int order is float order); the lower 32 bits
 * hold {@code ~node}, which falls as the node grows.
 *
 * <p>Stateless and thread-safe.
 */
final class ScoredNode {

  private ScoredNode() {}

  /**
   * The key of {@code node} with {@code score}. NaN must not be passed; {@code -0.0} is treated
   * as {@code 0.0} so that the two zeros tie, as they do in float comparison.
   */
  static long encode(float score, int node) {
    int bits = Float.floatToRawIntBits(score + 0.0f);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (~node & 0xFFFF_FFFFL);
  }

  /** The score packed in {@code key}. */
  static float score(long key) {
    int sortable = (int) (key >> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
  }

  /** The node packed in {@code key}. */
  static int node(long key) {
    return ~(int) key;
  }
}
