package dev.visualsearch.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.Hit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Means over queries, and which queries count. */
class EvaluationTest {

  private static List<Hit> hits(String... ids) {
    return java.util.Arrays.stream(ids).map(id -> new Hit(id, 0f)).toList();
  }

  @Test
  void meansLeaveOutQueriesWithoutRelevantIdsAndCountUnansweredQueriesAsZero() {
    Qrels qrels =
        Qrels.binary(Map.of("found", List.of("a"), "unanswered", List.of("b"), "norelevant", List.of()));
    Run run =
        Run.builder()
            .add("found", hits("x", "a"))
            .add("norelevant", hits("a"))
            .add("unjudged", hits("a"))
            .build();
    Evaluation evaluation = Evaluation.of(run, qrels, List.of(Measure.mrr(), Measure.hitRate(1)));

    assertThat(evaluation.queries()).containsExactlyInAnyOrder("found", "unanswered");
    assertThat(evaluation.queriesWithoutRelevant()).containsExactly("norelevant");
    assertThat(evaluation.mean(Measure.mrr())).isCloseTo(0.25, within(1e-12));
    assertThat(evaluation.value("found", Measure.mrr())).isEqualTo(0.5);
    assertThat(evaluation.value("unanswered", Measure.mrr())).isZero();
    assertThat(evaluation.mean(Measure.hitRate(1))).isZero();
  }

  @Test
  void errorsNameTheQueryAndTheMeasure() {
    Qrels qrels = Qrels.binary(Map.of("q", List.of("a")));
    Run run = Run.builder().add("q", hits("a", "a")).build();
    assertThatThrownBy(() -> Evaluation.of(run, qrels, List.of(Measure.mrr())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query 'q': ranking repeats id 'a' at ranks 1 and 2");
    Evaluation ok = Evaluation.of(Run.builder().build(), qrels, List.of(Measure.mrr()));
    assertThatThrownBy(() -> ok.mean(Measure.map())).hasMessageContaining("mAP was not computed");
    assertThatThrownBy(() -> ok.value("other", Measure.mrr())).hasMessageContaining("'other' was not scored");
    assertThatThrownBy(() -> Evaluation.of(run, qrels, List.of())).hasMessage("no measures to compute");
    assertThatThrownBy(() -> Evaluation.of(run, qrels, List.of(Measure.mrr(), Measure.mrr())))
        .hasMessageContaining("repeat");
  }

  @Test
  void measuresHaveLabelsTrecNamesAndParseBack() {
    List<Measure> standard = Measure.standard(1, 10);
    assertThat(standard.stream().map(Measure::label))
        .containsExactly("MRR", "mAP", "nDCG@1", "nDCG@10", "R@1", "R@10", "HR@1", "HR@10", "P@1", "P@10");
    assertThat(standard.stream().map(Measure::trecName))
        .containsExactly("recip_rank", "map", "ndcg_cut_1", "ndcg_cut_10", "recall_1", "recall_10",
            "success_1", "success_10", "P_1", "P_10");
    for (Measure measure : standard) {
      assertThat(Measure.parse(measure.label())).isEqualTo(measure);
    }
    assertThat(Measure.parse("ndcg@5")).isEqualTo(Measure.ndcg(5));
    assertThatThrownBy(() -> Measure.parse("R@0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Measure.parse("MRR@5")).hasMessageContaining("not a measure: 'MRR@5'");
    assertThatThrownBy(() -> Measure.recall(0)).hasMessage("k of RECALL must be at least 1: 0");
    assertThatThrownBy(() -> new Measure(Measure.Kind.AVERAGE_PRECISION, 3)).hasMessage("AVERAGE_PRECISION takes no cut-off: 3");
  }
}
