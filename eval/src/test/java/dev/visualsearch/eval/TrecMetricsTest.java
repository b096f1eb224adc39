package dev.visualsearch.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed values and the documented edge cases of {@link TrecMetrics}. */
class TrecMetricsTest {

  private final TrecMetrics metrics = TrecMetrics.INSTANCE;

  /**
   * Ranking r1 n2 r3 n4 n5 r6, and a fourth relevant id that is not ranked (R = 4).
   * AP = (1/1 + 2/3 + 3/6) / 4 = 0.541667; R@5 = 2/4; P@5 = 2/5; RR = 1.
   */
  @Test
  void averagePrecisionDividesByAllRelevantIdsNotByThoseFound() {
    List<String> ranking = List.of("r1", "n2", "r3", "n4", "n5", "r6");
    Map<String, Integer> judgements = Map.of("r1", 1, "r3", 1, "r6", 1, "lost", 1, "n2", 0);

    assertThat(metrics.averagePrecision(ranking, judgements)).isCloseTo(0.5416666666666666, within(1e-12));
    assertThat(metrics.recall(ranking, judgements, 5)).isEqualTo(0.5);
    assertThat(metrics.precision(ranking, judgements, 5)).isCloseTo(0.4, within(1e-12));
    assertThat(metrics.reciprocalRank(ranking, judgements)).isEqualTo(1.0);
    assertThat(metrics.hitRate(ranking, judgements, 1)).isEqualTo(1.0);
    assertThat(metrics.recall(ranking, judgements, 100)).isEqualTo(0.75);
  }

  /**
   * Graded: ranking a(0) b(2) c(3) d(0); e(1) is judged but not ranked.
   * DCG@3 = 2/log2 3 + 3/log2 4 = 2.761860; IDCG@3 (grades 3, 2, 1) = 3 + 2/log2 3 + 1/log2 4 =
   * 4.761860; nDCG@3 = 0.579996. At k = 1: DCG = 0, so 0. At k = 10 the ideal list has only three
   * gains, so IDCG is the same and DCG too (d has grade 0).
   */
  @Test
  void ndcgUsesTheGradesAsGainsAndTheIdealRankingOfTheJudgements() {
    List<String> ranking = List.of("a", "b", "c", "d");
    Map<String, Integer> judgements = Map.of("a", 0, "b", 2, "c", 3, "d", 0, "e", 1);

    assertThat(metrics.ndcg(ranking, judgements, 3)).isCloseTo(0.5799960084920718, within(1e-12));
    assertThat(metrics.ndcg(ranking, judgements, 1)).isZero();
    assertThat(metrics.ndcg(ranking, judgements, 10)).isCloseTo(0.5799960084920718, within(1e-12));
    assertThat(metrics.ndcg(List.of("c", "b", "e"), judgements, 3)).isCloseTo(1.0, within(1e-12));
    // Grades above 1 still count once for the binary metrics.
    assertThat(metrics.recall(ranking, judgements, 4)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(metrics.reciprocalRank(ranking, judgements)).isEqualTo(0.5);
  }

  @Test
  void kBelowOneIsRefusedWithTheValue() {
    List<String> ranking = List.of("a");
    Map<String, Integer> judgements = Map.of("a", 1);
    for (int k : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> metrics.recall(ranking, judgements, k))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be at least 1: " + k);
      assertThatThrownBy(() -> metrics.hitRate(ranking, judgements, k))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": " + k);
      assertThatThrownBy(() -> metrics.precision(ranking, judgements, k))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": " + k);
      assertThatThrownBy(() -> metrics.ndcg(ranking, judgements, k))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": " + k);
    }
  }

  @Test
  void aRankingThatRepeatsAnIdIsRefusedWhateverTheCutOff() {
    List<String> ranking = List.of("a", "b", "c", "b");
    Map<String, Integer> judgements = Map.of("b", 1);
    String message = "ranking repeats id 'b' at ranks 2 and 4";
    assertThatThrownBy(() -> metrics.reciprocalRank(ranking, judgements)).hasMessage(message);
    assertThatThrownBy(() -> metrics.averagePrecision(ranking, judgements)).hasMessage(message);
    assertThatThrownBy(() -> metrics.recall(ranking, judgements, 1)).hasMessage(message);
    assertThatThrownBy(() -> metrics.hitRate(ranking, judgements, 2)).hasMessage(message);
    assertThatThrownBy(() -> metrics.precision(ranking, judgements, 3)).hasMessage(message);
    assertThatThrownBy(() -> metrics.ndcg(ranking, judgements, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void aQueryWithoutRelevantIdsScoresZeroEverywhere() {
    List<String> ranking = List.of("a", "b");
    for (Map<String, Integer> judgements : List.of(Map.<String, Integer>of(), Map.of("a", 0, "b", -1))) {
      assertThat(metrics.reciprocalRank(ranking, judgements)).isZero();
      assertThat(metrics.averagePrecision(ranking, judgements)).isZero();
      assertThat(metrics.recall(ranking, judgements, 5)).isZero();
      assertThat(metrics.hitRate(ranking, judgements, 5)).isZero();
      assertThat(metrics.precision(ranking, judgements, 5)).isZero();
      assertThat(metrics.ndcg(ranking, judgements, 5)).isZero();
    }
  }

  @Test
  void anEmptyOrShortRankingCountsTheMissingRanksAsNotRelevant() {
    Map<String, Integer> judgements = Map.of("a", 1);
    assertThat(metrics.reciprocalRank(List.of(), judgements)).isZero();
    assertThat(metrics.ndcg(List.of(), judgements, 3)).isZero();
    assertThat(metrics.precision(List.of("a"), judgements, 10)).isEqualTo(0.1);
    assertThat(metrics.recall(List.of("a"), judgements, 10)).isEqualTo(1.0);
  }

  @Test
  void negativeGradesAreNotRelevantAndHaveNoGain() {
    Map<String, Integer> judgements = new HashMap<>(Map.of("a", -2, "b", 1));
    List<String> ranking = List.of("a", "b");
    assertThat(metrics.reciprocalRank(ranking, judgements)).isEqualTo(0.5);
    assertThat(metrics.ndcg(ranking, judgements, 2)).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
  }

  @Test
  void nullsAreRefusedByName() {
    Map<String, Integer> judgements = new HashMap<>();
    judgements.put("a", null);
    assertThatThrownBy(() -> metrics.recall(List.of("a"), judgements, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("grade of 'a'");
    assertThatThrownBy(() -> metrics.precision(Arrays.asList("b", null), Map.of(), 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("null at rank 2");
    assertThatThrownBy(() -> metrics.ndcg(null, Map.of(), 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> metrics.reciprocalRank(List.of(), null)).isInstanceOf(NullPointerException.class);
  }
}
