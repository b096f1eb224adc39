package dev.visualsearch;

import java.util.List;
import java.util.Map;

/**
 * Measures how good one ranked answer is, given relevance judgements for its query — the
 * standard information-retrieval metrics, with the definitions {@code trec_eval} uses. The {@code
 * eval} module implements it.
 *
 * <p>Inputs, for every method:
 *
 * <ul>
 *   <li>{@code ranking}: the ids returned for the query, best first (rank 1 is index 0);
 *   <li>{@code judgements}: graded relevance of ids for this query; an id is <em>relevant</em> when
 *       its grade is {@code > 0}; ids absent from the map have grade 0;
 *   <li>{@code k}: a cut-off; only the first {@code k} ranks count.
 * </ul>
 *
 * <p>Implementations must be stateless and thread-safe, and must document (and test) what they do
 * for {@code k < 1}, for a ranking that repeats an id, and for a query without any relevant id.
 */
public interface RankingMetrics {

  /** {@code 1 / rank} of the first relevant id, or 0 when none is ranked. */
  double reciprocalRank(List<String> ranking, Map<String, Integer> judgements);

  /** The fraction of the query's relevant ids that are in the first {@code k} ranks. */
  double recall(List<String> ranking, Map<String, Integer> judgements, int k);

  /** 1 if at least one relevant id is in the first {@code k} ranks, else 0. */
  double hitRate(List<String> ranking, Map<String, Integer> judgements, int k);

  /** The number of relevant ids in the first {@code k} ranks, divided by {@code k}. */
  double precision(List<String> ranking, Map<String, Integer> judgements, int k);

  /**
   * The mean, over the query's relevant ids, of the precision at the rank of each (0 for a
   * relevant id that is not ranked): the denominator is the number of relevant ids, not the number
   * found.
   */
  double averagePrecision(List<String> ranking, Map<String, Integer> judgements);

  /**
   * Normalised discounted cumulative gain at {@code k}: {@code Σ grade(rank) / log2(rank + 1)}
   * over the first {@code k} ranks, divided by the same sum for the ideal ranking (all judged ids
   * sorted by grade, descending).
   */
  double ndcg(List<String> ranking, Map<String, Integer> judgements, int k);
}
