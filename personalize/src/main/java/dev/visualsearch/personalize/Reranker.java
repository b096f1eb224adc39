package dev.visualsearch.personalize;

import dev.visualsearch.Hit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Re-orders a visual result list by the blend {@link RerankWeights} defines. Knows nothing of
 * stores or indexes, so the live search ({@link PersonalizedSearch}) and the offline evaluation
 * rank the same way.
 *
 * <p>Immutable and thread-safe.
 */
public final class Reranker {

  private static final Comparator<RankedHit> BY_SCORE =
      Comparator.comparingDouble(RankedHit::score).reversed();

  private final RerankWeights weights;

  /** A re-ranker with {@code weights}. */
  public Reranker(RerankWeights weights) {
    this.weights = Objects.requireNonNull(weights, "weights");
  }

  /** The weights. */
  public RerankWeights weights() {
    return weights;
  }

  /**
   * The first {@code k} of {@code visual} after re-ranking, best first; ties keep the visual
   * order, so with both weights 0 this is the visual order.
   *
   * @param visual the visual candidates, best first
   * @param taste the user's taste vector ({@link TasteVector}), or empty for none
   * @param vectors the embedding of a candidate; needed only with a taste vector
   * @param engagement the engagement scores
   * @param asOf the time engagement is decayed to
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public List<RankedHit> rerank(List<Hit> visual, int k, Optional<TasteVector> taste,
      Function<String, Optional<float[]>> vectors, EngagementScores engagement, Instant asOf) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    double[] engagementTerms = engagementTerms(visual, engagement, asOf);
    List<RankedHit> ranked = new ArrayList<>(visual.size());
    for (int i = 0; i < visual.size(); i++) {
      Hit hit = visual.get(i);
      double tasteTerm = 0;
      if (weights.taste() > 0 && taste.isPresent()) {
        Optional<float[]> vector = vectors.apply(hit.id());
        if (vector.isPresent()) {
          tasteTerm = weights.taste() * taste.get().similarity(vector.get());
        }
      }
      double score = hit.score() + tasteTerm + engagementTerms[i];
      ranked.add(new RankedHit(hit.id(), score, hit.score(), tasteTerm, engagementTerms[i]));
    }
    ranked.sort(BY_SCORE); // stable: equal scores keep the visual order
    return List.copyOf(ranked.subList(0, Math.min(k, ranked.size())));
  }

  /** The engagement term of each candidate: weight × r / (r + μ). */
  private double[] engagementTerms(List<Hit> visual, EngagementScores engagement, Instant asOf) {
    double[] terms = new double[visual.size()];
    double mean = engagement.meanRate(asOf);
    if (weights.engagement() == 0 || mean <= 0) {
      return terms;
    }
    for (int i = 0; i < visual.size(); i++) {
      double rate = engagement.rate(visual.get(i).id(), asOf, weights.priorImpressions());
      terms[i] = weights.engagement() * rate / (rate + mean);
    }
    return terms;
  }
}
