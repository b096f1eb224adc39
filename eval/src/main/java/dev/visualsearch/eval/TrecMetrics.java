package dev.visualsearch.eval;

import dev.visualsearch.RankingMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ranking metrics with the definitions of {@code trec_eval} (the measures {@code recip_rank},
 * {@code recall_k}, {@code success_k}, {@code P_k}, {@code map} and {@code ndcg_cut_k}) for one
 * query. Stateless and thread-safe: use {@link #INSTANCE}.
 *
 * <p>Notation: the ranking is {@code d_1, d_2, …} (best first); {@code g(d)} is the grade of
 * {@code d} in the judgements (0 when absent); {@code rel(d) = 1} when {@code g(d) > 0}, else 0;
 * {@code R = |{d : g(d) > 0}|} is the number of relevant ids of the query, ranked or not.
 *
 * <p>Edge cases, the same for every method:
 *
 * <ul>
 *   <li>{@code k < 1}: {@link IllegalArgumentException} naming the value. A cut-off of 0 has no
 *       meaning and is never silently clamped.
 *   <li>A ranking that holds an id twice: {@link IllegalArgumentException} naming the id and both
 *       ranks, whatever {@code k} ({@code trec_eval} also refuses such a run: "duplicate docs").
 *       Counting the id twice would score some rankings above the perfect one; counting it once
 *       would hide a bug in the system that produced it.
 *   <li>A query without relevant ids ({@code R = 0}): every metric is 0, as {@code trec_eval}
 *       computes it for a judged query without relevant documents. A mean over queries should
 *       leave such queries out; {@link Evaluation} does, and counts them.
 *   <li>A ranking shorter than {@code k}: the missing ranks count as not relevant (precision still
 *       divides by {@code k}).
 *   <li>Grades of 0 or less are not relevant and have no gain (a negative grade is {@code
 *       trec_eval}'s "judged but unjudged"). Null ids or grades: {@link NullPointerException}.
 * </ul>
 */
public final class TrecMetrics implements RankingMetrics {

  /** The one instance. */
  public static final TrecMetrics INSTANCE = new TrecMetrics();

  private TrecMetrics() {}

  /**
   * Reciprocal rank, {@code trec_eval}'s {@code recip_rank}: {@code 1 / min{i : rel(d_i) = 1}},
   * or 0 when no relevant id is ranked. Over the whole ranking (no cut-off).
   *
   * @throws IllegalArgumentException if the ranking holds an id twice
   */
  @Override
  public double reciprocalRank(List<String> ranking, Map<String, Integer> judgements) {
    int[] grades = JudgedRanking.grades(ranking, judgements, Integer.MAX_VALUE);
    for (int i = 0; i < grades.length; i++) {
      if (grades[i] > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /**
   * Recall at {@code k}, {@code trec_eval}'s {@code recall_k}: {@code Σ_{i≤k} rel(d_i) / R}; 0
   * when {@code R = 0}.
   *
   * @throws IllegalArgumentException if {@code k < 1} or the ranking holds an id twice
   */
  @Override
  public double recall(List<String> ranking, Map<String, Integer> judgements, int k) {
    JudgedRanking.checkK(k);
    int relevant = JudgedRanking.relevantCount(judgements);
    int found = relevantIn(JudgedRanking.grades(ranking, judgements, k));
    return relevant == 0 ? 0 : (double) found / relevant;
  }

  /**
   * Hit rate (success) at {@code k}, {@code trec_eval}'s {@code success_k}: 1 if {@code rel(d_i)
   * = 1} for some {@code i ≤ k}, else 0. What the reference notebook called "Recall@K".
   *
   * @throws IllegalArgumentException if {@code k < 1} or the ranking holds an id twice
   */
  @Override
  public double hitRate(List<String> ranking, Map<String, Integer> judgements, int k) {
    JudgedRanking.checkK(k);
    return relevantIn(JudgedRanking.grades(ranking, judgements, k)) > 0 ? 1 : 0;
  }

  /**
   * Precision at {@code k}, {@code trec_eval}'s {@code P_k}: {@code Σ_{i≤k} rel(d_i) / k}. The
   * denominator is {@code k} even when fewer than {@code k} ids are ranked.
   *
   * @throws IllegalArgumentException if {@code k < 1} or the ranking holds an id twice
   */
  @Override
  public double precision(List<String> ranking, Map<String, Integer> judgements, int k) {
    JudgedRanking.checkK(k);
    return (double) relevantIn(JudgedRanking.grades(ranking, judgements, k)) / k;
  }

  /**
   * Average precision, {@code trec_eval}'s {@code map} for one query: {@code (1/R) Σ_{i : rel(d_i)
   * = 1} P@i}, where {@code P@i = Σ_{j≤i} rel(d_j) / i}. The denominator is {@code R}, all relevant
   * ids, so a relevant id that is not ranked contributes 0 (the notebook divided by the number
   * found, which rewards returning fewer results). 0 when {@code R = 0}.
   *
   * @throws IllegalArgumentException if the ranking holds an id twice
   */
  @Override
  public double averagePrecision(List<String> ranking, Map<String, Integer> judgements) {
    int relevant = JudgedRanking.relevantCount(judgements);
    int[] grades = JudgedRanking.grades(ranking, judgements, Integer.MAX_VALUE);
    if (relevant == 0) {
      return 0;
    }
    double sum = 0;
    int found = 0;
    for (int i = 0; i < grades.length; i++) {
      if (grades[i] > 0) {
        found++;
        sum += (double) found / (i + 1);
      }
    }
    return sum / relevant;
  }

  /**
   * Normalised discounted cumulative gain at {@code k}, {@code trec_eval}'s {@code ndcg_cut_k}:
   * {@code DCG@k / IDCG@k} with {@code DCG@k = Σ_{i≤k} max(g(d_i), 0) / log2(i + 1)} (the gain is
   * the grade itself; rank 1 has discount {@code log2 2 = 1}) and {@code IDCG@k} the same sum over
   * the ideal ranking: the relevant grades of the judgements, highest first. 0 when {@code R = 0}.
   * (Older {@code trec_eval} releases left rank 1 undiscounted and divided rank {@code i ≥ 2} by
   * {@code log2 i}; current ones use {@code log2(i + 1)} throughout, as here.)
   *
   * @throws IllegalArgumentException if {@code k < 1} or the ranking holds an id twice
   */
  @Override
  public double ndcg(List<String> ranking, Map<String, Integer> judgements, int k) {
    JudgedRanking.checkK(k);
    int[] grades = JudgedRanking.grades(ranking, judgements, k);
    int[] ideal = JudgedRanking.relevantGrades(judgements);
    if (ideal.length == 0) {
      return 0;
    }
    Arrays.sort(ideal);
    double dcg = 0;
    for (int i = 0; i < grades.length; i++) {
      if (grades[i] > 0) {
        dcg += grades[i] / log2(i + 2);
      }
    }
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.length); i++) {
      idcg += ideal[ideal.length - 1 - i] / log2(i + 2);
    }
    return dcg / idcg;
  }

  @Override
  public String toString() {
    return "TrecMetrics";
  }

  private static int relevantIn(int[] grades) {
    int count = 0;
    for (int grade : grades) {
      if (grade > 0) {
        count++;
      }
    }
    return count;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
