package dev.visualsearch.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaximalMarginalRelevanceTest {

  // Candidates 0 and 1 are near copies of each other; 2 is less relevant but different.
  private static final float[] RELEVANCE = {0.9f, 0.89f, 0.5f};
  private static final float[][] SIMILARITY = {
    {1, 0.99f, 0.1f},
    {0.99f, 1, 0.12f},
    {0.1f, 0.12f, 1},
  };

  @Test
  void lambdaOneIsThePlainRanking() {
    assertThat(MaximalMarginalRelevance.select(RELEVANCE, 3, 1.0, (a, b) -> SIMILARITY[a][b]))
        .containsExactly(0, 1, 2);
  }

  @Test
  void lowerLambdaPrefersVarietyOverAnotherCopy() {
    // After 0: candidate 1 scores 0.5·0.89 − 0.5·0.99 = −0.05, candidate 2 scores 0.5·0.5 − 0.5·0.1 = 0.2.
    assertThat(MaximalMarginalRelevance.select(RELEVANCE, 2, 0.5, (a, b) -> SIMILARITY[a][b]))
        .containsExactly(0, 2);
  }

  @Test
  void kLargerThanTheCandidatesReturnsThemAll() {
    assertThat(MaximalMarginalRelevance.select(RELEVANCE, 10, 0.7, (a, b) -> SIMILARITY[a][b]))
        .containsExactlyInAnyOrder(0, 1, 2);
    assertThat(MaximalMarginalRelevance.select(new float[0], 3, 0.7, (a, b) -> 0)).isEmpty();
  }

  @Test
  void invalidArgumentsNameTheValue() {
    assertThatThrownBy(() -> MaximalMarginalRelevance.select(RELEVANCE, 0, 0.5, (a, b) -> 0))
        .hasMessage("k must be at least 1: 0");
    assertThatThrownBy(() -> MaximalMarginalRelevance.select(RELEVANCE, 1, 1.5, (a, b) -> 0))
        .hasMessage("lambda must be in [0, 1]: 1.5");
  }
}
