package dev.visualsearch.personalize;

/**
 * How re-ranking blends what an image looks like with what users did. Each candidate of the
 * visual search scores
 *
 * <pre>
 *   visual + taste × cos(taste vector − c, image − c) + engagement × r / (r + μ)
 * </pre>
 *
 * where {@code visual} is the index's score (for cosine, the cosine of query and image), {@code c}
 * the mean embedding of the collection (centring makes the cosine tell tastes apart: embeddings of
 * a network's last layer share a large common part), {@code r} the image's smoothed {@link
 * EngagementScores#rate engagement rate} with {@code priorImpressions} and μ the mean rate. Both
 * weights are in units of the visual score.
 *
 * <p>Guards:
 *
 * <ul>
 *   <li><b>Popularity cannot swamp relevance</b>: the engagement term lies in {@code [0,
 *       engagement)} however many clicks an image has, so an image can only pass images whose
 *       visual score is less than {@code engagement} above its own; and only the {@code
 *       candidates} best visual matches are re-ranked, so an image that does not look like the
 *       query is never shown for its popularity.
 *   <li><b>Exposure is not popularity</b>: the rate is engagement per impression, so an image
 *       shown at the top of many lists is not favoured for that alone.
 *   <li><b>New images</b> (never shown) have the mean rate μ and so half the most engagement
 *       term: neither buried under engaged images nor lifted above them; an image shown often and
 *       ignored sinks towards 0.
 *   <li><b>New users</b> have no taste vector unless they declared categories; without one, the
 *       taste term is 0 for every image and the ranking is visual plus engagement.
 * </ul>
 *
 * <p>With both weights 0 re-ranking returns exactly the visual ranking.
 *
 * <p>Immutable and thread-safe.
 *
 * @param taste weight of the taste cosine; {@code >= 0}
 * @param engagement the most the engagement term can add; {@code >= 0}
 * @param priorImpressions how many impressions' worth of the mean rate an image's rate starts
 *     from (smoothing: an image shown twice and clicked once is not rated 0.5); {@code > 0}
 * @param candidates how many visual matches are re-ranked for a request of {@code k}: {@code
 *     max(k, candidates)}; {@code >= 1}
 */
public record RerankWeights(double taste, double engagement, double priorImpressions, int candidates) {

  /**
   * The defaults: taste 0.05, engagement 0.1, 20 prior impressions, 100 candidates. Chosen by a
   * grid search on simulated users ({@code UserSimulator}, seeds 1 and 2; the README has the
   * numbers); larger taste weights lowered nDCG there.
   */
  public static final RerankWeights DEFAULT = new RerankWeights(0.05, 0.1, 20, 100);

  /** No personalisation: the visual ranking, unchanged. */
  public static final RerankWeights VISUAL_ONLY = new RerankWeights(0, 0, 1, 1);

  /** @throws IllegalArgumentException naming the value if one is out of range */
  public RerankWeights {
    if (!(taste >= 0) || Double.isInfinite(taste)) {
      throw new IllegalArgumentException("taste weight must be finite and >= 0: " + taste);
    }
    if (!(engagement >= 0) || Double.isInfinite(engagement)) {
      throw new IllegalArgumentException("engagement weight must be finite and >= 0: " + engagement);
    }
    if (!(priorImpressions > 0) || Double.isInfinite(priorImpressions)) {
      throw new IllegalArgumentException(
          "priorImpressions must be finite and > 0: " + priorImpressions);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1: " + candidates);
    }
  }

  /** Whether these weights leave the visual ranking unchanged. */
  public boolean visualOnly() {
    return taste == 0 && engagement == 0;
  }

  /** These weights with the taste weight {@code taste}. */
  public RerankWeights withTaste(double taste) {
    return new RerankWeights(taste, engagement, priorImpressions, candidates);
  }

  /** These weights with the engagement weight {@code engagement}. */
  public RerankWeights withEngagement(double engagement) {
    return new RerankWeights(taste, engagement, priorImpressions, candidates);
  }
}
