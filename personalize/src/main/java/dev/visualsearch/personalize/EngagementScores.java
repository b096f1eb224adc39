package dev.visualsearch.personalize;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engagement of every image: its <b>score</b>, the sum of its interactions' weights each
 * decayed by its age ({@link EngagementWeights}), and its <b>exposure</b>, the number of times it
 * was shown (impressions), decayed the same way. Kept up to date one interaction at a time, so it
 * is built once from a store's log and then follows new events without reading the log again.
 *
 * <p>Re-ranking uses the {@link #rate smoothed rate} {@code (score + m·μ) / (exposure + m)}, where
 * μ is the rate over all images and {@code m} a number of prior impressions: engagement per time
 * shown, so an image is not favoured merely for having been shown often (at the top of many
 * lists), and an image never shown gets μ, the rate of an average image.
 *
 * <p>Each image holds decayed sums and the time they refer to; an event moves the sums to its own
 * time when newer ({@code sum × 2^(−Δ/halfLife) + weight}) or adds its decayed weight when older,
 * and a reading at any time scales them by {@code 2^(−(asOf − reference)/halfLife)}, so scores are
 * exact whatever order events arrive in. As in {@link EngagementWeights#decay}, an event after the
 * time read at counts more than its weight: keep events from the future out ({@link
 * PersonalizedSearch} does).
 *
 * <p>Thread-safe: {@link #observe} and the readers may be called concurrently.
 */
public final class EngagementScores {

  /** Decayed score and exposure, as of {@code referenceMillis}. */
  private record Decayed(double score, double exposure, long referenceMillis) {

    Decayed plus(Decayed event, EngagementWeights weights) {
      if (event.referenceMillis >= referenceMillis) {
        double decay = weights.decay(saturatedAge(event.referenceMillis));
        return new Decayed(score * decay + event.score, exposure * decay + event.exposure,
            event.referenceMillis);
      }
      double decay = weights.decay(event.saturatedAge(referenceMillis));
      return new Decayed(score + event.score * decay, exposure + event.exposure * decay,
          referenceMillis);
    }

    double scoreAt(long millis, EngagementWeights weights) {
      return score * weights.decay(saturatedAge(millis));
    }

    /** {@code millis − referenceMillis}, saturated. */
    long saturatedAge(long millis) {
      return EngagementWeights.ageMillis(
          Instant.ofEpochMilli(referenceMillis), Instant.ofEpochMilli(millis));
    }

    double exposureAt(long millis, EngagementWeights weights) {
      return exposure * weights.decay(saturatedAge(millis));
    }
  }

  private final EngagementWeights weights;
  private final ConcurrentHashMap<String, Decayed> byImage = new ConcurrentHashMap<>();
  private Decayed total = new Decayed(0, 0, Long.MIN_VALUE); // guarded by this

  /** Scores with {@code weights}, with no interaction observed yet. */
  public EngagementScores(EngagementWeights weights) {
    this.weights = Objects.requireNonNull(weights, "weights");
  }

  /** The weights scores are computed with. */
  public EngagementWeights weights() {
    return weights;
  }

  /** Counts {@code interaction} in its image's score (and, for an impression, its exposure). */
  public void observe(Interaction interaction) {
    Decayed event = new Decayed(weights.weight(interaction),
        interaction.type() == Interaction.Type.IMPRESSION ? 1 : 0,
        interaction.timestamp().toEpochMilli());
    byImage.merge(interaction.image(), event, (old, added) -> old.plus(added, weights));
    synchronized (this) {
      total = total.referenceMillis == Long.MIN_VALUE ? event : total.plus(event, weights);
    }
  }

  /** Counts every interaction of {@code interactions}. */
  public void observeAll(Iterable<Interaction> interactions) {
    for (Interaction interaction : interactions) {
      observe(interaction);
    }
  }

  /**
   * The engagement score of {@code image} at {@code asOf}: 0 for an image without interactions
   * (see {@link #hasInteractions} to tell such an image from one that was shown and ignored).
   */
  public double score(String image, Instant asOf) {
    Decayed decayed = byImage.get(image);
    return decayed == null ? 0 : decayed.scoreAt(asOf.toEpochMilli(), weights);
  }

  /** The decayed number of times {@code image} was shown, at {@code asOf}. */
  public double exposure(String image, Instant asOf) {
    Decayed decayed = byImage.get(image);
    return decayed == null ? 0 : decayed.exposureAt(asOf.toEpochMilli(), weights);
  }

  /**
   * The engagement rate over all images at {@code asOf}: total score per total exposure (per
   * observed image when no impression was ever observed); 0 before any interaction.
   */
  public double meanRate(Instant asOf) {
    Decayed all;
    synchronized (this) {
      all = total;
    }
    if (all.referenceMillis == Long.MIN_VALUE) {
      return 0;
    }
    long at = asOf.toEpochMilli();
    double exposure = all.exposureAt(at, weights);
    return all.scoreAt(at, weights) / (exposure > 0 ? exposure : Math.max(1, byImage.size()));
  }

  /**
   * The smoothed engagement rate of {@code image} at {@code asOf}: {@code (score + m·μ) /
   * (exposure + m)} with μ = {@link #meanRate} and {@code m = priorImpressions}; μ for an image
   * never observed.
   *
   * @throws IllegalArgumentException if {@code priorImpressions} is not positive
   */
  public double rate(String image, Instant asOf, double priorImpressions) {
    if (!(priorImpressions > 0)) {
      throw new IllegalArgumentException("priorImpressions must be > 0: " + priorImpressions);
    }
    double mean = meanRate(asOf);
    return (score(image, asOf) + priorImpressions * mean)
        / (exposure(image, asOf) + priorImpressions);
  }

  /** Whether any interaction with {@code image} was observed, impressions included. */
  public boolean hasInteractions(String image) {
    return byImage.containsKey(image);
  }

  /** The number of images with at least one observed interaction. */
  public int size() {
    return byImage.size();
  }
}
