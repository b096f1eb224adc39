package dev.visualsearch.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.Hit;
import dev.visualsearch.personalize.Interaction.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RerankerTest {

  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Function<String, Optional<float[]>> NO_VECTORS = id -> Optional.empty();

  private static List<Hit> visual(int n, long seed) {
    Random random = new Random(seed);
    List<Hit> hits = new ArrayList<>();
    float score = 1;
    for (int i = 0; i < n; i++) {
      // Some exact ties, to check that ties keep the visual order.
      score -= random.nextInt(3) == 0 ? 0 : random.nextFloat() * 0.02f;
      hits.add(new Hit("img" + i, score));
    }
    return hits;
  }

  private static EngagementScores randomEngagement(List<Hit> hits, Random random) {
    EngagementScores scores = new EngagementScores(EngagementWeights.DEFAULT);
    for (Hit hit : hits) {
      for (int i = random.nextInt(30); i > 0; i--) {
        Type type = Type.values()[random.nextInt(Type.values().length)];
        scores.observe(new Interaction("u", hit.id(), type, type == Type.DWELL ? 5000 : 0, NOW));
      }
    }
    return scores;
  }

  @Test
  void withZeroWeightsTheVisualRankingComesBackExactly() {
    long seed = new Random().nextLong();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    List<Hit> hits = visual(100, seed);
    float[] direction = {1, 0};
    TasteVector taste = TasteVector.ofImages(List.of("x"), id -> Optional.of(direction), null).orElseThrow();
    Function<String, Optional<float[]>> vectors =
        id -> Optional.of(new float[] {random.nextFloat(), random.nextFloat()});
    List<RankedHit> ranked = new Reranker(new RerankWeights(0, 0, 20, 100))
        .rerank(hits, 100, Optional.of(taste), vectors, randomEngagement(hits, random), NOW);
    assertThat(ranked).extracting(RankedHit::id).containsExactlyElementsOf(hits.stream().map(Hit::id).toList());
    for (int i = 0; i < hits.size(); i++) {
      assertThat(ranked.get(i).score()).isEqualTo(hits.get(i).score());
    }
  }

  @Test
  void popularityCannotLiftAnImageOverOneThatLooksMoreAlikeByMoreThanTheWeight() {
    List<Hit> hits = List.of(new Hit("close", 0.90f), new Hit("near", 0.86f), new Hit("far", 0.70f));
    EngagementScores scores = new EngagementScores(EngagementWeights.DEFAULT);
    for (String id : List.of("close", "near", "far")) {
      for (int i = 0; i < 100; i++) {
        scores.observe(new Interaction("u", id, Type.IMPRESSION, 0, NOW));
      }
    }
    for (int i = 0; i < 100_000; i++) {
      scores.observe(new Interaction("u", "far", Type.PURCHASE, 0, NOW));
      scores.observe(new Interaction("u", "near", Type.PURCHASE, 0, NOW));
    }
    RerankWeights weights = new RerankWeights(0, 0.1, 20, 100);
    List<RankedHit> ranked =
        new Reranker(weights).rerank(hits, 3, Optional.empty(), NO_VECTORS, scores, NOW);
    // "near" (0.04 behind, hugely engaged) passes "close"; "far" (0.20 behind) cannot.
    assertThat(ranked).extracting(RankedHit::id).containsExactly("near", "close", "far");
    for (RankedHit hit : ranked) {
      assertThat(hit.engagement()).isBetween(0.0, weights.engagement());
      assertThat(hit.score()).isCloseTo(hit.visual() + hit.taste() + hit.engagement(), within(1e-12));
    }
  }

  @Test
  void aNewImageGetsHalfTheMostEngagementTermAndAnIgnoredOneSinks() {
    List<Hit> hits = List.of(new Hit("ignored", 0.9f), new Hit("new", 0.9f), new Hit("liked", 0.9f));
    EngagementScores scores = new EngagementScores(EngagementWeights.DEFAULT);
    for (int i = 0; i < 200; i++) {
      scores.observe(new Interaction("u", "ignored", Type.IMPRESSION, 0, NOW));
      scores.observe(new Interaction("u", "liked", Type.IMPRESSION, 0, NOW));
      if (i % 4 == 0) {
        scores.observe(new Interaction("u", "liked", Type.CLICK, 0, NOW));
      }
    }
    List<RankedHit> ranked = new Reranker(new RerankWeights(0, 0.1, 20, 100))
        .rerank(hits, 3, Optional.empty(), NO_VECTORS, scores, NOW);
    assertThat(ranked).extracting(RankedHit::id).containsExactly("liked", "new", "ignored");
    assertThat(ranked.get(1).engagement()).isCloseTo(0.05, within(1e-12));
    assertThat(ranked.get(2).engagement()).isLessThan(0.01);
  }

  @Test
  void tasteLiftsImagesLikeWhatTheUserEngagedWith() {
    Map<String, float[]> vectors = Map.of(
        "cat-photo", new float[] {0.1f, 1}, "dog-photo", new float[] {1, 0.1f}, "cat", new float[] {0, 1});
    List<Hit> hits = List.of(new Hit("dog-photo", 0.80f), new Hit("cat-photo", 0.79f));
    TasteVector catLover = TasteVector.of(
        List.of(new Interaction("u", "cat", Type.LIKE, 0, NOW)),
        id -> Optional.ofNullable(vectors.get(id)), EngagementWeights.DEFAULT, NOW, null).orElseThrow();
    Reranker reranker = new Reranker(new RerankWeights(0.05, 0, 20, 100));
    EngagementScores none = new EngagementScores(EngagementWeights.DEFAULT);
    assertThat(reranker.rerank(hits, 2, Optional.of(catLover), id -> Optional.ofNullable(vectors.get(id)), none, NOW))
        .extracting(RankedHit::id).containsExactly("cat-photo", "dog-photo");
    // A new user without taste: the visual order.
    assertThat(reranker.rerank(hits, 2, Optional.empty(), id -> Optional.ofNullable(vectors.get(id)), none, NOW))
        .extracting(RankedHit::id).containsExactly("dog-photo", "cat-photo");
    assertThatThrownBy(() -> reranker.rerank(hits, 0, Optional.empty(), NO_VECTORS, none, NOW))
        .hasMessageContaining("k must be >= 1: 0");
  }

  @Test
  void weightsOutOfRangeAreRefusedByName() {
    assertThatThrownBy(() -> new RerankWeights(-0.1, 0, 20, 100)).hasMessageContaining("taste weight");
    assertThatThrownBy(() -> new RerankWeights(0, Double.NaN, 20, 100)).hasMessageContaining("engagement weight");
    assertThatThrownBy(() -> new RerankWeights(0, 0, 0, 100)).hasMessageContaining("priorImpressions");
    assertThatThrownBy(() -> new RerankWeights(0, 0, 20, 0)).hasMessageContaining("candidates must be >= 1: 0");
    assertThat(RerankWeights.VISUAL_ONLY.visualOnly()).isTrue();
    assertThat(RerankWeights.DEFAULT.visualOnly()).isFalse();
  }
}
