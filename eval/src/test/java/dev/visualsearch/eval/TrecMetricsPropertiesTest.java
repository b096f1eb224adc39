package dev.visualsearch.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties every ranking must satisfy, on random rankings and graded judgements. The seed is
 * printed; rerun a failure with {@code -Dvisualsearch.test.seed=<seed>}.
 */
class TrecMetricsPropertiesTest {

  private static final int CASES = 2000;
  private static final double EPS = 1e-12;
  private final TrecMetrics metrics = TrecMetrics.INSTANCE;

  /** One random query: a pool of ids, some graded 1–3, a ranking of part of the pool. */
  private record Case(List<String> ranking, Map<String, Integer> judgements, int relevant) {}

  private static Case randomCase(SplittableRandom random) {
    int pool = 1 + random.nextInt(30);
    List<String> ids = new ArrayList<>();
    Map<String, Integer> judgements = new LinkedHashMap<>();
    int relevant = 0;
    for (int i = 0; i < pool; i++) {
      String id = "d" + i;
      ids.add(id);
      int draw = random.nextInt(10);
      if (draw < 3) {
        judgements.put(id, 1 + random.nextInt(3));
        relevant++;
      } else if (draw < 5) {
        judgements.put(id, 0);
      }
    }
    Collections.shuffle(ids, new java.util.Random(random.nextLong()));
    return new Case(List.copyOf(ids.subList(0, random.nextInt(pool + 1))), judgements, relevant);
  }

  private static SplittableRandom seeded(String test) {
    long seed = Long.getLong("visualsearch.test.seed", 20_261_128L);
    System.out.println(test + ": seed " + seed);
    return new SplittableRandom(seed);
  }

  @Test
  void everyMetricLiesInZeroToOne() {
    SplittableRandom random = seeded("bounds");
    for (int n = 0; n < CASES; n++) {
      Case c = randomCase(random);
      int k = 1 + random.nextInt(40);
      for (double value :
          new double[] {
            metrics.reciprocalRank(c.ranking, c.judgements),
            metrics.averagePrecision(c.ranking, c.judgements),
            metrics.recall(c.ranking, c.judgements, k),
            metrics.hitRate(c.ranking, c.judgements, k),
            metrics.precision(c.ranking, c.judgements, k),
            metrics.ndcg(c.ranking, c.judgements, k)
          }) {
        assertThat(value).as("case %d: %s k=%d", n, c, k).isBetween(0.0, 1.0 + EPS);
      }
      // A hit rate of 0 means nothing relevant is in the top k, so recall and precision are 0.
      if (metrics.hitRate(c.ranking, c.judgements, k) == 0) {
        assertThat(metrics.recall(c.ranking, c.judgements, k)).isZero();
        assertThat(metrics.precision(c.ranking, c.judgements, k)).isZero();
        assertThat(metrics.ndcg(c.ranking, c.judgements, k)).isZero();
      }
    }
  }

  @Test
  void recallHitRateAndFoundCountNeverDecreaseAsKGrows() {
    SplittableRandom random = seeded("monotone in k");
    for (int n = 0; n < CASES; n++) {
      Case c = randomCase(random);
      for (int k = 1; k < 35; k++) {
        assertThat(metrics.recall(c.ranking, c.judgements, k + 1))
            .isGreaterThanOrEqualTo(metrics.recall(c.ranking, c.judgements, k));
        assertThat(metrics.hitRate(c.ranking, c.judgements, k + 1))
            .isGreaterThanOrEqualTo(metrics.hitRate(c.ranking, c.judgements, k));
        // P@k · k is the number found in the top k.
        assertThat(metrics.precision(c.ranking, c.judgements, k + 1) * (k + 1))
            .isGreaterThanOrEqualTo(metrics.precision(c.ranking, c.judgements, k) * k - EPS);
      }
    }
  }

  @Test
  void movingARelevantIdAboveALessRelevantOneNeverLowersAnyMetric() {
    SplittableRandom random = seeded("swap improves");
    for (int n = 0; n < CASES; n++) {
      Case c = randomCase(random);
      if (c.ranking.size() < 2) {
        continue;
      }
      int i = random.nextInt(c.ranking.size() - 1);
      int upper = c.judgements.getOrDefault(c.ranking.get(i), 0);
      int lower = c.judgements.getOrDefault(c.ranking.get(i + 1), 0);
      if (lower <= Math.max(upper, 0)) {
        continue;
      }
      List<String> better = new ArrayList<>(c.ranking);
      Collections.swap(better, i, i + 1);
      int k = 1 + random.nextInt(c.ranking.size() + 2);
      String why = "case " + n + ": " + c.ranking + " → " + better + " " + c.judgements + " k=" + k;
      assertThat(metrics.reciprocalRank(better, c.judgements)).as(why).isGreaterThanOrEqualTo(metrics.reciprocalRank(c.ranking, c.judgements));
      assertThat(metrics.averagePrecision(better, c.judgements)).as(why).isGreaterThanOrEqualTo(metrics.averagePrecision(c.ranking, c.judgements) - EPS);
      assertThat(metrics.ndcg(better, c.judgements, k)).as(why).isGreaterThanOrEqualTo(metrics.ndcg(c.ranking, c.judgements, k) - EPS);
      assertThat(metrics.recall(better, c.judgements, k)).as(why).isGreaterThanOrEqualTo(metrics.recall(c.ranking, c.judgements, k));
      assertThat(metrics.precision(better, c.judgements, k)).as(why).isGreaterThanOrEqualTo(metrics.precision(c.ranking, c.judgements, k));
      assertThat(metrics.hitRate(better, c.judgements, k)).as(why).isGreaterThanOrEqualTo(metrics.hitRate(c.ranking, c.judgements, k));
    }
  }

  @Test
  void thePerfectRankingScoresOne() {
    SplittableRandom random = seeded("perfect ranking");
    int checked = 0;
    for (int n = 0; n < CASES; n++) {
      Case c = randomCase(random);
      if (c.relevant == 0) {
        continue;
      }
      checked++;
      // All relevant ids by grade, highest first, then the rest of the ranking.
      List<String> perfect = new ArrayList<>(c.judgements.keySet().stream()
          .filter(id -> c.judgements.get(id) > 0)
          .sorted(Comparator.comparing(c.judgements::get).reversed())
          .toList());
      c.ranking.stream().filter(id -> !perfect.contains(id)).forEach(perfect::add);
      int r = c.relevant;
      String why = "case " + n + ": " + perfect + " " + c.judgements;
      assertThat(metrics.reciprocalRank(perfect, c.judgements)).as(why).isEqualTo(1.0);
      assertThat(metrics.averagePrecision(perfect, c.judgements)).as(why).isCloseTo(1.0, within(EPS));
      assertThat(metrics.recall(perfect, c.judgements, r)).as(why).isEqualTo(1.0);
      assertThat(metrics.precision(perfect, c.judgements, r)).as(why).isEqualTo(1.0);
      for (int k = 1; k <= r + 3; k++) {
        assertThat(metrics.ndcg(perfect, c.judgements, k)).as(why + " k=" + k).isCloseTo(1.0, within(EPS));
        assertThat(metrics.hitRate(perfect, c.judgements, k)).isEqualTo(1.0);
        assertThat(metrics.recall(perfect, c.judgements, k)).isCloseTo(Math.min(k, r) / (double) r, within(EPS));
        assertThat(metrics.precision(perfect, c.judgements, k)).isCloseTo(Math.min(k, r) / (double) k, within(EPS));
      }
    }
    assertThat(checked).isGreaterThan(CASES / 2);
  }

  @Test
  void idsOutsideTheJudgementsAndOrderOfTheMapDoNotMatter() {
    SplittableRandom random = seeded("judgement order");
    for (int n = 0; n < 200; n++) {
      Case c = randomCase(random);
      List<Map.Entry<String, Integer>> entries = new ArrayList<>(c.judgements.entrySet());
      Collections.reverse(entries);
      Map<String, Integer> reversed = new LinkedHashMap<>();
      entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
      assertThat(metrics.ndcg(c.ranking, reversed, 10)).isEqualTo(metrics.ndcg(c.ranking, c.judgements, 10));
      assertThat(metrics.averagePrecision(c.ranking, reversed)).isEqualTo(metrics.averagePrecision(c.ranking, c.judgements));
    }
  }
}
