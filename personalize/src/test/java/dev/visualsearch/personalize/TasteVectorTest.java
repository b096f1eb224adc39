package dev.visualsearch.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.personalize.Interaction.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TasteVectorTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Map<String, float[]> VECTORS = Map.of(
      "red", new float[] {1, 0, 0},
      "green", new float[] {0, 1, 0},
      "blue", new float[] {0, 0, 1});
  private static final Function<String, Optional<float[]>> LOOKUP =
      id -> Optional.ofNullable(VECTORS.get(id));

  @Test
  void isTheWeightedDecayedMeanOfEngagedImages() {
    List<Interaction> history = List.of(
        new Interaction("u", "red", Type.PURCHASE, 0, T0),      // 5
        new Interaction("u", "green", Type.CLICK, 0, T0),       // 1
        new Interaction("u", "blue", Type.IMPRESSION, 0, T0),   // 0: ignored
        new Interaction("u", "gone", Type.LIKE, 0, T0));        // no vector: ignored
    TasteVector taste = TasteVector.of(history, LOOKUP, EngagementWeights.DEFAULT, T0, null).orElseThrow();
    double norm = Math.sqrt(26);
    assertThat(taste.direction()).containsExactly(
        new float[] {(float) (5 / norm), (float) (1 / norm), 0}, within(1e-6f));
    assertThat(taste.similarity(VECTORS.get("red"))).isCloseTo(5 / norm, within(1e-6));
    assertThat(taste.similarity(VECTORS.get("blue"))).isCloseTo(0, within(1e-9));
  }

  @Test
  void olderEngagementCountsLess() {
    List<Interaction> history = List.of(
        new Interaction("u", "red", Type.CLICK, 0, T0),
        new Interaction("u", "green", Type.CLICK, 0, T0.plus(Duration.ofDays(60))));
    TasteVector taste = TasteVector.of(history, LOOKUP, EngagementWeights.DEFAULT,
        T0.plus(Duration.ofDays(60)), null).orElseThrow();
    // red is two half-lives old: a quarter of green's weight.
    assertThat(taste.direction()[0] / taste.direction()[1]).isCloseTo(0.25f, within(1e-5f));
  }

  @Test
  void isSeenFromTheCentre() {
    float[] centre = {0.5f, 0.5f, 0};
    TasteVector taste = TasteVector.ofImages(List.of("red"), LOOKUP, centre).orElseThrow();
    // red − centre = (0.5, −0.5, 0): green − centre points the other way.
    assertThat(taste.similarity(VECTORS.get("green"))).isCloseTo(-1, within(1e-6));
    assertThat(taste.similarity(VECTORS.get("red"))).isCloseTo(1, within(1e-6));
    assertThat(taste.similarity(centre)).isZero();
  }

  @Test
  void aNewUserHasNoTasteUnlessTheyDeclaredCategories() {
    assertThat(TasteVector.of(List.of(), LOOKUP, EngagementWeights.DEFAULT, T0, null)).isEmpty();
    List<Interaction> onlySeen = List.of(new Interaction("u", "red", Type.IMPRESSION, 0, T0));
    assertThat(TasteVector.learnedOrDeclared(onlySeen, List.of(), LOOKUP, EngagementWeights.DEFAULT, T0, null))
        .isEmpty();
    TasteVector declared = TasteVector.learnedOrDeclared(onlySeen, List.of("blue"), LOOKUP,
        EngagementWeights.DEFAULT, T0, null).orElseThrow();
    assertThat(declared.direction()).containsExactly(0, 0, 1);
    assertThat(TasteVector.mean(List.of(new float[] {1, 3}, new float[] {3, 5}))).containsExactly(2, 4);
  }
}
