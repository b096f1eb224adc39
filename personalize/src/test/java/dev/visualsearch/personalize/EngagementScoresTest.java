package dev.visualsearch.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.personalize.Interaction.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EngagementScoresTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final EngagementWeights WEIGHTS = EngagementWeights.DEFAULT;

  private static Interaction event(String image, Type type, long dwell, Instant at) {
    return new Interaction("u", image, type, dwell, at);
  }

  @Test
  void weightsEachTypeAsConfiguredAndCapsDwell() {
    assertThat(WEIGHTS.weight(event("a", Type.IMPRESSION, 0, T0))).isZero();
    assertThat(WEIGHTS.weight(event("a", Type.CLICK, 0, T0))).isEqualTo(1);
    assertThat(WEIGHTS.weight(event("a", Type.DWELL, 12_000, T0))).isCloseTo(1.2, within(1e-12));
    assertThat(WEIGHTS.weight(event("a", Type.DWELL, 3_600_000, T0))).isCloseTo(3, within(1e-12));
    assertThat(WEIGHTS.weight(event("a", Type.LIKE, 0, T0))).isEqualTo(2);
    assertThat(WEIGHTS.weight(event("a", Type.SAVE, 0, T0))).isEqualTo(2);
    assertThat(WEIGHTS.weight(event("a", Type.PURCHASE, 0, T0))).isEqualTo(5);
  }

  @Test
  void anEventOneHalfLifeOldCountsHalf() {
    EngagementScores scores = new EngagementScores(WEIGHTS);
    scores.observe(event("a", Type.PURCHASE, 0, T0));
    assertThat(scores.score("a", T0)).isEqualTo(5);
    assertThat(scores.score("a", T0.plus(Duration.ofDays(30)))).isCloseTo(2.5, within(1e-9));
    assertThat(scores.score("a", T0.plus(Duration.ofDays(60)))).isCloseTo(1.25, within(1e-9));
    assertThat(scores.score("never", T0)).isZero();
    assertThat(scores.hasInteractions("never")).isFalse();
  }

  @Test
  void aScoreReadBeforeTheNewestEventIsStillExact() {
    EngagementScores scores = new EngagementScores(WEIGHTS);
    scores.observe(event("a", Type.PURCHASE, 0, T0));
    scores.observe(event("a", Type.CLICK, 0, T0.plus(Duration.ofDays(30))));
    // Read at T0: the purchase counts 5, the click one half-life ahead counts 2.
    assertThat(scores.score("a", T0)).isCloseTo(7, within(1e-9));
    assertThat(scores.score("a", T0.plus(Duration.ofDays(30)))).isCloseTo(3.5, within(1e-9));
  }

  @Test
  void extremeTimesSaturateInsteadOfOverflowing() {
    EngagementScores scores = new EngagementScores(WEIGHTS);
    scores.observe(event("a", Type.CLICK, 0, Interaction.EARLIEST));
    scores.observe(event("a", Type.CLICK, 0, Interaction.LATEST));
    assertThat(scores.score("a", Interaction.LATEST)).isCloseTo(1, within(1e-12));
    assertThat(WEIGHTS.decay(Interaction.EARLIEST, Interaction.LATEST)).isZero();
    assertThatThrownBy(() -> new Interaction("u", "a", Type.CLICK, 0, Instant.MAX))
        .hasMessageContaining("timestamp must be between");
  }

  @Test
  void onlyTypesWithWeightTeachATaste() {
    assertThat(WEIGHTS.weightedTypes()).containsExactlyInAnyOrder(
        Type.CLICK, Type.DWELL, Type.LIKE, Type.SAVE, Type.PURCHASE);
    assertThat(new EngagementWeights(1, 0, 0, Duration.ofSeconds(30), 0, 0, 2, Duration.ofDays(1))
        .weightedTypes()).containsExactlyInAnyOrder(Type.IMPRESSION, Type.PURCHASE);
  }

  @Test
  void scoresDoNotDependOnTheOrderEventsArriveIn() {
    long seed = new Random().nextLong();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    List<Interaction> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Type type = Type.values()[random.nextInt(Type.values().length)];
      events.add(event("img" + random.nextInt(5), type, type == Type.DWELL ? random.nextInt(40_000) : 0,
          T0.plusSeconds(random.nextInt(90 * 24 * 3600))));
    }
    EngagementScores inOrder = new EngagementScores(WEIGHTS);
    List<Interaction> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparing(Interaction::timestamp));
    inOrder.observeAll(sorted);
    EngagementScores shuffled = new EngagementScores(WEIGHTS);
    Collections.shuffle(events, random);
    shuffled.observeAll(events);
    Instant asOf = T0.plus(Duration.ofDays(100));
    for (int i = 0; i < 5; i++) {
      String image = "img" + i;
      double expected = 0;
      for (Interaction e : events) {
        if (e.image().equals(image)) {
          expected += WEIGHTS.weight(e) * WEIGHTS.decay(e.timestamp(), asOf);
        }
      }
      assertThat(inOrder.score(image, asOf)).isCloseTo(expected, within(1e-9 * (1 + expected)));
      assertThat(shuffled.score(image, asOf)).isCloseTo(expected, within(1e-9 * (1 + expected)));
    }
  }

  @Test
  void rateIsEngagementPerImpressionSmoothedTowardsTheMean() {
    EngagementScores scores = new EngagementScores(WEIGHTS);
    // "shown": 100 impressions, 1 click. "loved": 10 impressions, 5 clicks.
    for (int i = 0; i < 100; i++) {
      scores.observe(event("shown", Type.IMPRESSION, 0, T0));
    }
    scores.observe(event("shown", Type.CLICK, 0, T0));
    for (int i = 0; i < 10; i++) {
      scores.observe(event("loved", Type.IMPRESSION, 0, T0));
    }
    for (int i = 0; i < 5; i++) {
      scores.observe(event("loved", Type.CLICK, 0, T0));
    }
    double mean = scores.meanRate(T0);
    assertThat(mean).isCloseTo(6.0 / 110, within(1e-12));
    assertThat(scores.score("shown", T0)).isGreaterThan(0); // volume alone...
    assertThat(scores.rate("shown", T0, 20)).isCloseTo((1 + 20 * mean) / 120, within(1e-12));
    assertThat(scores.rate("loved", T0, 20)).isCloseTo((5 + 20 * mean) / 30, within(1e-12));
    assertThat(scores.rate("loved", T0, 20)).isGreaterThan(scores.rate("shown", T0, 20));
    assertThat(scores.rate("new", T0, 20)).isCloseTo(mean, within(1e-12));
    assertThatThrownBy(() -> scores.rate("new", T0, 0))
        .hasMessageContaining("priorImpressions must be > 0: 0");
  }

  @Test
  void invalidWeightsAreRefusedByName() {
    assertThatThrownBy(() -> new EngagementWeights(0, -1, 0, Duration.ZERO, 0, 0, 0, Duration.ofDays(1)))
        .hasMessageContaining("click weight must be finite and >= 0: -1");
    assertThatThrownBy(() -> WEIGHTS.withHalfLife(Duration.ZERO))
        .hasMessageContaining("halfLife must be positive");
  }
}
