package dev.visualsearch.benchmarks.hnsw;

/**
 * Finds, for one library's index, the smallest beam width {@code ef} whose recall@10 over all the
 * data set's queries reaches a target: libraries are compared at equal recall, not at equal
 * settings, because their settings do not mean the same thing.
 *
 * <p>Stateless and thread-safe.
 */
final class EfTuner {

  /** The beam never goes below k: a beam narrower than the answer would not hold it. */
  static final int MIN_EF = BenchDataset.K;

  static final int MAX_EF = 4096;

  private EfTuner() {}

  /** Recall@10 of {@code index} over every query of {@code data} at beam width {@code ef}. */
  static double recall(AnnIndex index, BenchDataset data, int ef) {
    float[][] queries = data.queries();
    int[][] found = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      found[q] = index.topK(queries[q], ef);
    }
    return data.recall(found);
  }

  /**
   * The smallest {@code ef} in {@code [MIN_EF, MAX_EF]} reaching {@code target} (recall grows with
   * {@code ef}, so a doubling search and then a bisection find it), or {@code MAX_EF} if none
   * does.
   */
  static int tune(AnnIndex index, BenchDataset data, double target) {
    if (recall(index, data, MIN_EF) >= target) {
      return MIN_EF;
    }
    int low = MIN_EF; // fails
    int high = MIN_EF * 2;
    while (high < MAX_EF && recall(index, data, high) < target) {
      low = high;
      high *= 2;
    }
    if (high >= MAX_EF) {
      high = MAX_EF;
      if (recall(index, data, high) < target) {
        return MAX_EF;
      }
    }
    while (high - low > 1) {
      int middle = (low + high) >>> 1;
      if (recall(index, data, middle) >= target) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }
}
