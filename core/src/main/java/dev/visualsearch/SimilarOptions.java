package dev.visualsearch;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * How {@link VisualSearch#similar} recommends: which near-duplicates of the item to leave out,
 * how much variety to trade for relevance, and which items may be recommended at all.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return changed copies.
 */
public final class SimilarOptions {

  /**
   * The cosine similarity at and above which another item counts as a near-duplicate (a copy,
   * not a recommendation). See {@link #duplicateCosine(double)}.
   */
  public static final double DEFAULT_DUPLICATE_COSINE = 0.95;

  private static final SimilarOptions DEFAULTS = new SimilarOptions(DEFAULT_DUPLICATE_COSINE, 1.0, null);

  private final double duplicateCosine;
  private final double relevanceWeight;
  private final Predicate<String> filter;

  private SimilarOptions(double duplicateCosine, double relevanceWeight, Predicate<String> filter) {
    this.duplicateCosine = duplicateCosine;
    this.relevanceWeight = relevanceWeight;
    this.filter = filter;
  }

  /** Near-duplicates at cosine ≥ {@value #DEFAULT_DUPLICATE_COSINE} left out, no diversity, no filter. */
  public static SimilarOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Leaves out items whose cosine similarity to the item is at least {@code cosine}: 1 leaves out
   * only vectors pointing exactly the same way, a value above 1 leaves out nothing. For {@link Metric#L2} and {@link
   * Metric#INNER_PRODUCT} collections the threshold is applied to the cosine of the stored vectors
   * as well, which is what "near-duplicate" means whatever the ranking metric.
   *
   * @throws IllegalArgumentException if {@code cosine} is NaN
   */
  public SimilarOptions duplicateCosine(double cosine) {
    if (Double.isNaN(cosine)) {
      throw new IllegalArgumentException("duplicate cosine must be a number: NaN");
    }
    return new SimilarOptions(cosine, relevanceWeight, filter);
  }

  /**
   * Diversifies the results by maximal marginal relevance: {@code weight} is λ, the weight of
   * relevance against redundancy with results already chosen. 1 (the default) is the plain
   * ranking; 0.5 to 0.8 gives visibly varied results.
   *
   * @throws IllegalArgumentException if {@code weight} is outside [0, 1]
   */
  public SimilarOptions relevanceWeight(double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("relevance weight must be in [0, 1]: " + weight);
    }
    return new SimilarOptions(duplicateCosine, weight, filter);
  }

  /** Only items whose ids {@code filter} accepts are recommended. */
  public SimilarOptions filter(Predicate<String> filter) {
    return new SimilarOptions(duplicateCosine, relevanceWeight, Objects.requireNonNull(filter, "filter"));
  }

  /** The near-duplicate threshold, as a cosine similarity. */
  public double duplicateCosine() {
    return duplicateCosine;
  }

  /** λ of maximal marginal relevance; 1 = no diversification. */
  public double relevanceWeight() {
    return relevanceWeight;
  }

  /** The filter, or null for none. */
  Predicate<String> filterOrNull() {
    return filter;
  }
}
