package dev.visualsearch.personalize.replay;

import java.util.Map;

/**
 * The outcome of a {@link ReplayEvaluation}: for each ranker, the mean of each measure over the
 * held-out searches in which the user engaged with something.
 *
 * <p>Immutable and thread-safe.
 *
 * @param queries the number of held-out searches evaluated
 * @param k the cut-off of nDCG and recall
 * @param scores the scores of each ranker, by the name it was given, in the order given
 */
public record ReplayResult(int queries, int k, Map<String, Scores> scores) {

  /**
   * The means of one ranker.
   *
   * @param mrr mean reciprocal rank of the first engaged image within the first k
   * @param ndcg mean nDCG@k, graded by the strongest interaction with each image (click 1, like
   *     or save 2, purchase 3)
   * @param recall mean fraction of the engaged images within the first k
   * @param wins searches on which this ranker's nDCG@k beat the first ranker's
   * @param losses searches on which it was worse
   */
  public record Scores(double mrr, double ndcg, double recall, int wins, int losses) {}

  public ReplayResult {
    scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
  }

  /** A table of the scores, one line per ranker, for logs and notes. */
  public String table() {
    StringBuilder out = new StringBuilder(String.format(
        "%-28s %8s %9s %10s %6s %6s%n", "ranker (" + queries + " searches)", "MRR@" + k,
        "nDCG@" + k, "recall@" + k, "wins", "losses"));
    scores.forEach((name, s) -> out.append(String.format("%-28s %8.4f %9.4f %10.4f %6d %6d%n",
        name, s.mrr(), s.ndcg(), s.recall(), s.wins(), s.losses())));
    return out.toString();
  }
}
