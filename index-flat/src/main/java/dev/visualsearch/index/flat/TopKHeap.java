package dev.visualsearch.index.flat;

/**
 * Keeps the best {@code capacity} (score, ordinal) pairs offered to it, on primitive arrays: no
 * boxing and no sort of all candidates, {@code O(n log k)} for {@code n} offers.
 *
 * <p>"Better" means a higher score, and for equal scores a lower ordinal. Ordinals follow
 * insertion order, so the earlier added item wins a tie and results are deterministic. The heap
 * is a binary min-heap on that order: its root is the worst pair kept, the one a better offer
 * evicts.
 *
 * <p>Not thread-safe: one per search.
 */
final class TopKHeap {

  private final float[] scores;
  private final int[] ordinals;
  private int size;

  /** @param capacity the most pairs kept; at least 1 */
  TopKHeap(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    scores = new float[capacity];
    ordinals = new int[capacity];
  }

  /** The number of pairs kept so far. */
  int size() {
    return size;
  }

  /** Offers a candidate; it is kept if the heap has room or it beats the worst pair kept. */
  void offer(float score, int ordinal) {
    if (size < scores.length) {
      scores[size] = score;
      ordinals[size] = ordinal;
      siftUp(size++);
    } else if (isWorse(scores[0], ordinals[0], score, ordinal)) {
      scores[0] = score;
      ordinals[0] = ordinal;
      siftDown(0);
    }
  }

  /**
   * Empties the heap into {@code outScores} and {@code outOrdinals}, best first, and returns how
   * many pairs there were.
   */
  int drainBestFirst(float[] outScores, int[] outOrdinals) {
    int count = size;
    // Removing the worst pair repeatedly yields them worst first: fill from the back.
    for (int i = count - 1; i >= 0; i--) {
      outScores[i] = scores[0];
      outOrdinals[i] = ordinals[0];
      size--;
      scores[0] = scores[size];
      ordinals[0] = ordinals[size];
      siftDown(0);
    }
    return count;
  }

  /** Whether pair a ranks below pair b. */
  private static boolean isWorse(float scoreA, int ordinalA, float scoreB, int ordinalB) {
    return scoreA < scoreB || (scoreA == scoreB && ordinalA > ordinalB);
  }

  private void siftUp(int index) {
    float score = scores[index];
    int ordinal = ordinals[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (!isWorse(score, ordinal, scores[parent], ordinals[parent])) {
        break;
      }
      scores[index] = scores[parent];
      ordinals[index] = ordinals[parent];
      index = parent;
    }
    scores[index] = score;
    ordinals[index] = ordinal;
  }

  private void siftDown(int index) {
    float score = scores[index];
    int ordinal = ordinals[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      int right = child + 1;
      if (right < size && isWorse(scores[right], ordinals[right], scores[child], ordinals[child])) {
        child = right;
      }
      if (!isWorse(scores[child], ordinals[child], score, ordinal)) {
        break;
      }
      scores[index] = scores[child];
      ordinals[index] = ordinals[child];
      index = child;
    }
    scores[index] = score;
    ordinals[index] = ordinal;
  }
}
