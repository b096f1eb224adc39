package dev.visualsearch.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ten {@code ground_truth} rows the reference notebook printed ({@code ground_truth[:10]}, one
 * row per query, 1 where the result at that rank is relevant), scored correctly. In the notebook
 * each test image has exactly one augmented copy in the collection, so each query has exactly one
 * relevant item; a row of zeros means that copy was not in the top 5 (it still counts in R).
 *
 * <p>Worked by hand, with {@code R = 1} per query:
 *
 * <pre>
 * row              first hit  RR    AP    nDCG@5 = 1/log2(rank+1)
 * [0,0,0,1,0]      4          1/4   1/4   1/log2 5 = 0.430677
 * [1,0,0,0,0] ×5   1          1     1     1
 * [0,0,0,0,0] ×2   -          0     0     0
 * [0,0,0,0,1]      5          1/5   1/5   1/log2 6 = 0.386853
 * [0,0,1,0,0]      3          1/3   1/3   1/log2 4 = 0.5
 * MRR = mAP = (1/4 + 5 + 1/5 + 1/3) / 10 = 0.578333
 * HR@5 = R@5 = 8/10; P@5 = 8/50 = 0.16; HR@1 = P@1 = R@1 = 5/10; R@3 = 6/10
 * nDCG@5 = (0.430677 + 5 + 0.386853 + 0.5) / 10 = 0.631753
 * </pre>
 */
class NotebookRowsTest {

  static final int[][] NOTEBOOK_ROWS = {
    {0, 0, 0, 1, 0},
    {1, 0, 0, 0, 0},
    {0, 0, 0, 0, 0},
    {1, 0, 0, 0, 0},
    {1, 0, 0, 0, 0},
    {1, 0, 0, 0, 0},
    {0, 0, 0, 0, 1},
    {1, 0, 0, 0, 0},
    {0, 0, 0, 0, 0},
    {0, 0, 1, 0, 0},
  };

  @Test
  void theNotebooksRowsScoreAsWorkedOutByHand() {
    Evaluation evaluation = evaluate(NOTEBOOK_ROWS, 1);

    assertThat(evaluation.queries()).hasSize(10);
    assertThat(evaluation.mean(Measure.mrr())).isCloseTo(5.783333333 / 10, within(1e-9));
    assertThat(evaluation.mean(Measure.map())).isCloseTo(5.783333333 / 10, within(1e-9));
    assertThat(evaluation.mean(Measure.hitRate(5))).isEqualTo(0.8);
    assertThat(evaluation.mean(Measure.recall(5))).isEqualTo(0.8);
    assertThat(evaluation.mean(Measure.precision(5))).isCloseTo(0.16, within(1e-12));
    assertThat(evaluation.mean(Measure.hitRate(1))).isEqualTo(0.5);
    assertThat(evaluation.mean(Measure.precision(1))).isEqualTo(0.5);
    assertThat(evaluation.mean(Measure.recall(3))).isCloseTo(0.6, within(1e-12));
    assertThat(evaluation.mean(Measure.ndcg(5))).isCloseTo(0.6317529365307935, within(1e-12));

    assertThat(evaluation.value("q1", Measure.ndcg(5))).isCloseTo(0.43067655807339306, within(1e-12));
    assertThat(evaluation.value("q7", Measure.mrr())).isCloseTo(0.2, within(1e-12));
    assertThat(evaluation.value("q3", Measure.map())).isZero();
  }

  /**
   * With two augmented copies per test image (R = 2) and the same rows, only half of each query's
   * relevant items is found: recall halves and so does average precision. The notebook's functions
   * cannot see that: its "Recall@K" counts hits and its AP divides by the hits found.
   */
  @Test
  void withTwoCopiesPerQueryRecallAndAveragePrecisionHalveButTheNotebooksDoNot() {
    Evaluation evaluation = evaluate(NOTEBOOK_ROWS, 2);

    assertThat(evaluation.mean(Measure.recall(5))).isCloseTo(0.4, within(1e-12));
    assertThat(evaluation.mean(Measure.map())).isCloseTo(5.783333333 / 20, within(1e-9));
    assertThat(evaluation.mean(Measure.hitRate(5))).isEqualTo(0.8);
    assertThat(evaluation.mean(Measure.mrr())).isCloseTo(5.783333333 / 10, within(1e-9));
    // nDCG@5 now has IDCG = 1 + 1/log2 3.
    double idcg = 1 + 1 / (Math.log(3) / Math.log(2));
    assertThat(evaluation.mean(Measure.ndcg(5))).isCloseTo(0.6317529365307935 / idcg, within(1e-12));

    assertThat(Notebook.recallAtK(NOTEBOOK_ROWS, 5)).isCloseTo(0.8, within(1e-12));
    assertThat(Notebook.meanAveragePrecision(NOTEBOOK_ROWS)).isCloseTo(5.783333333 / 10, within(1e-9));
  }

  @Test
  void theNotebooksRecallIsAHitCountThatCanExceedOne() {
    int[][] twoHits = {{1, 1, 0, 0, 0}};
    assertThat(Notebook.recallAtK(twoHits, 5)).isEqualTo(2.0);
    assertThat(evaluate(twoHits, 2).mean(Measure.recall(5))).isEqualTo(1.0);
    assertThat(evaluate(twoHits, 4).mean(Measure.recall(5))).isEqualTo(0.5);
  }

  /**
   * Rankings of 5 ids per row; the ids at the 1-positions are relevant, and {@code relevantPerQuery}
   * minus those found are relevant ids that were not retrieved.
   */
  static Evaluation evaluate(int[][] rows, int relevantPerQuery) {
    Run.Builder run = Run.builder();
    Qrels.Builder qrels = Qrels.builder();
    for (int q = 0; q < rows.length; q++) {
      String query = "q" + (q + 1);
      List<String> ranking = new ArrayList<>();
      int found = 0;
      for (int r = 0; r < rows[q].length; r++) {
        String id = query + "-r" + (r + 1);
        ranking.add(id);
        if (rows[q][r] == 1) {
          qrels.add(query, id, 1);
          found++;
        }
      }
      for (int missing = found; missing < relevantPerQuery; missing++) {
        qrels.add(query, query + "-unretrieved-" + missing, 1);
      }
      run.add(query, ranking.stream().map(id -> new dev.visualsearch.Hit(id, 0f)).toList());
    }
    return Evaluation.of(run.build(), qrels.build(), Measure.standard(1, 3, 5));
  }

  /** The notebook's own functions, transcribed, to show where they go wrong. */
  static final class Notebook {
    static double recallAtK(int[][] rows, int k) {
      double sum = 0;
      for (int[] row : rows) {
        for (int i = 0; i < k; i++) {
          sum += row[i];
        }
      }
      return sum / rows.length;
    }

    static double meanAveragePrecision(int[][] rows) {
      double sum = 0;
      for (int[] row : rows) {
        List<Double> precisions = new ArrayList<>();
        int hits = 0;
        for (int i = 0; i < row.length; i++) {
          if (row[i] == 1) {
            hits++;
            precisions.add((double) hits / (i + 1));
          }
        }
        sum += precisions.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      }
      return sum / rows.length;
    }

    private Notebook() {}
  }
}
