package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Brute-force reference search with {@link Metric#score}: the items in insertion order, scored in
 * double precision, sorted by score then insertion order.
 */
final class Oracle {

  private final Metric metric;
  /** Live items in insertion order (a re-added id moves to the end, as in the index). */
  private final LinkedHashMap<String, float[]> items = new LinkedHashMap<>();

  Oracle(Metric metric) {
    this.metric = metric;
  }

  void add(String id, float[] vector) {
    items.remove(id);
    items.put(id, vector.clone());
  }

  void remove(String id) {
    items.remove(id);
  }

  /** Every allowed item, best first. */
  List<Hit> rankAll(float[] query, Predicate<String> filter) {
    List<Hit> hits = new ArrayList<>();
    for (Map.Entry<String, float[]> item : items.entrySet()) {
      if (filter == null || filter.test(item.getKey())) {
        hits.add(new Hit(item.getKey(), metric.score(query, item.getValue())));
      }
    }
    // A stable sort keeps insertion order among equal scores.
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    return hits;
  }

  /**
   * Asserts that {@code actual} is the oracle's top {@code k}: at every rank the same id and a
   * score within {@link #tolerance}. The index sums in float and the oracle in double, so two items
   * whose true scores are closer than that tolerance may come back swapped; only such near-ties
   * are let through, and only where the oracle itself cannot tell them apart.
   */
  void assertTopK(SearchResult actual, float[] query, int k, Predicate<String> filter) {
    List<Hit> expected = rankAll(query, filter);
    Map<String, Float> oracleScore = new HashMap<>();
    expected.forEach(hit -> oracleScore.put(hit.id(), hit.score()));

    assertThat(actual.size()).as("hit count").isEqualTo(Math.min(k, expected.size()));
    assertThat(actual.ids()).as("distinct ids").doesNotHaveDuplicates();
    for (int rank = 0; rank < actual.size(); rank++) {
      Hit got = actual.get(rank);
      Hit want = expected.get(rank);
      assertThat(got.score())
          .as("score at rank %d (%s, oracle has %s)", rank, got, want)
          .isCloseTo(want.score(), offset(tolerance(want.score())));
      if (!got.id().equals(want.id())) {
        assertThat(oracleScore).as("rank %d returned an id the oracle lacks", rank)
            .containsKey(got.id());
        assertThat(Math.abs(oracleScore.get(got.id()) - want.score()))
            .as("rank %d: %s instead of %s is not a near-tie", rank, got, want)
            .isLessThanOrEqualTo(tolerance(want.score()));
        System.out.println("near-tie accepted at rank " + rank + ": " + got + " for " + want);
      }
    }
  }

  /** Float rounding over a few hundred terms, relative to the score's size. */
  static float tolerance(float score) {
    return 1e-4f * Math.max(1f, Math.abs(score));
  }
}
