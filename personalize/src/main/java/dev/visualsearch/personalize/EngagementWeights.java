package dev.visualsearch.personalize;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How much each kind of interaction says about an image, and how fast that fades: the weights of
 * the engagement score and of the taste vector.
 *
 * <p>An interaction counts {@code weight(type) × 2^(−age / halfLife)}: an event one half-life old
 * counts half as much as one happening now. A dwell counts {@code dwellPerSecond} per second
 * looked at, up to {@code dwellCap} (a tab left open says little more than a long look).
 * Impressions count 0 by default: being shown says nothing about being wanted.
 *
 * <p>Immutable and thread-safe.
 *
 * @param impression weight of being shown
 * @param click weight of a click
 * @param dwellPerSecond weight of each second of dwell
 * @param dwellCap the longest dwell that counts
 * @param like weight of a like
 * @param save weight of a save
 * @param purchase weight of a purchase
 * @param halfLife how long until an event counts half; positive
 */
public record EngagementWeights(
    double impression, double click, double dwellPerSecond, Duration dwellCap, double like,
    double save, double purchase, Duration halfLife) {

  /**
   * The defaults: impression 0, click 1, dwell 0.1 per second up to 30 s, like 2, save 2, purchase
   * 5, half-life 30 days.
   */
  public static final EngagementWeights DEFAULT = new EngagementWeights(
      0, 1, 0.1, Duration.ofSeconds(30), 2, 2, 5, Duration.ofDays(30));

  /**
   * @throws IllegalArgumentException if a weight is negative or not finite, the dwell cap is
   *     negative, or the half-life is not positive
   */
  public EngagementWeights {
    check("impression", impression);
    check("click", click);
    check("dwellPerSecond", dwellPerSecond);
    check("like", like);
    check("save", save);
    check("purchase", purchase);
    Objects.requireNonNull(dwellCap, "dwellCap");
    Objects.requireNonNull(halfLife, "halfLife");
    if (dwellCap.isNegative()) {
      throw new IllegalArgumentException("dwellCap must not be negative: " + dwellCap);
    }
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife must be positive: " + halfLife);
    }
  }

  /** These weights with {@code halfLife} instead. */
  public EngagementWeights withHalfLife(Duration halfLife) {
    return new EngagementWeights(impression, click, dwellPerSecond, dwellCap, like, save, purchase,
        halfLife);
  }

  /** The weight of {@code interaction} before decay. */
  public double weight(Interaction interaction) {
    return switch (interaction.type()) {
      case IMPRESSION -> impression;
      case CLICK -> click;
      case DWELL -> dwellPerSecond * Math.min(interaction.dwellMillis(), dwellCap.toMillis()) / 1000.0;
      case LIKE -> like;
      case SAVE -> save;
      case PURCHASE -> purchase;
    };
  }

  /**
   * The factor by which an event at {@code event} counts at {@code asOf}: {@code 2^(−age /
   * halfLife)}, with {@code age = asOf − event}. An event after {@code asOf} has a negative age and
   * counts more than its weight; callers keep such events out (see {@link PersonalizedSearch}).
   */
  public double decay(Instant event, Instant asOf) {
    return decay(ageMillis(event, asOf));
  }

  /** The types whose weight is above 0: the ones a taste is learned from. */
  public Set<Interaction.Type> weightedTypes() {
    Set<Interaction.Type> types = EnumSet.noneOf(Interaction.Type.class);
    types.addAll(List.of(Interaction.Type.values()));
    types.removeIf(type -> switch (type) {
      case IMPRESSION -> impression == 0;
      case CLICK -> click == 0;
      case DWELL -> dwellPerSecond == 0 || dwellCap.isZero();
      case LIKE -> like == 0;
      case SAVE -> save == 0;
      case PURCHASE -> purchase == 0;
    });
    return types;
  }

  double decay(long ageMillis) {
    return Math.pow(2, -(double) ageMillis / halfLife.toMillis());
  }

  /** {@code asOf − event} in milliseconds, saturated instead of overflowing. */
  static long ageMillis(Instant event, Instant asOf) {
    long from = event.toEpochMilli();
    long to = asOf.toEpochMilli();
    long age = to - from;
    // Overflow iff the operands have different signs and the result's sign differs from to's.
    if (((to ^ from) & (to ^ age)) < 0) {
      return to < from ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return age;
  }

  private static void check(String name, double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(name + " weight must be finite and >= 0: " + weight);
    }
  }
}
