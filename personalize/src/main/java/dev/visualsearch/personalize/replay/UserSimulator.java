package dev.visualsearch.personalize.replay;

import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.LoggedSearch;
import dev.visualsearch.personalize.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Simulated users searching a labelled collection, so that what re-ranking gains can be measured
 * without real users. Seeded: the same settings give the same log.
 *
 * <p>The hidden truth: each user truly prefers 2 or 3 categories and declares one of them half of
 * the time; each image has an appeal drawn from N(0, 0.8²) that every user feels (some images are
 * simply liked more). Each session, a user picks a query image (from a preferred category with
 * probability 0.6, else any), sees its {@code shown} visual "more like this" results, and for the
 * result at position p (from 0):
 *
 * <ul>
 *   <li>looks at it with probability {@code 0.85^p} (position bias) and then clicks with
 *       probability {@code σ(−2 + 1.2·[same category as the query] + 2·[preferred category] +
 *       appeal)};
 *   <li>after a click, dwells {@code exp(N(ln 8 s + 0.7·[preferred], 0.5²))}, likes with
 *       probability 0.35 (preferred) or 0.05, saves with 0.15 or 0.02, and buys with 0.12 when the
 *       image is both preferred and of the query's category, else 0.01.
 * </ul>
 *
 * Every shown result is logged as an impression. Users have a location (4 cities) and a device
 * (mobile, desktop, tablet) that do not change what they do. Sessions are a day apart per user,
 * users interleaved; events follow their query by seconds.
 *
 * <p>Immutable and thread-safe; {@link #run} may be called concurrently if {@code moreLikeThis}
 * may be.
 */
public final class UserSimulator {

  private static final List<String> LOCATIONS = List.of("Antwerp", "Ghent", "Leuven", "Namur");
  private static final List<String> DEVICES = List.of("desktop", "mobile", "tablet");

  /**
   * @param users how many users
   * @param sessionsPerUser searches per user
   * @param shown results seen per search
   * @param seed the random seed
   * @param start the time of the first search
   */
  public record Settings(int users, int sessionsPerUser, int shown, long seed, Instant start) {

    /** @throws IllegalArgumentException if a count is below 1 */
    public Settings {
      if (users < 1 || sessionsPerUser < 1 || shown < 1) {
        throw new IllegalArgumentException("users, sessionsPerUser and shown must be >= 1: "
            + users + ", " + sessionsPerUser + ", " + shown);
      }
      Objects.requireNonNull(start, "start");
    }
  }

  private final Map<String, String> categoryByImage;
  private final BiFunction<String, Integer, List<String>> moreLikeThis;
  private final List<String> images;
  private final Map<String, List<String>> imagesByCategory = new LinkedHashMap<>();
  private final List<String> categories;

  /**
   * @param categoryByImage the category of every image of the collection (e.g. from {@code
   *     labels.csv}); at least two categories
   * @param moreLikeThis the visual ranking a user is shown: for an image id and n, the n images
   *     most like it, best first, without the image itself
   */
  public UserSimulator(Map<String, String> categoryByImage,
      BiFunction<String, Integer, List<String>> moreLikeThis) {
    this.categoryByImage = Map.copyOf(categoryByImage);
    this.moreLikeThis = Objects.requireNonNull(moreLikeThis, "moreLikeThis");
    this.images = new ArrayList<>(new TreeSet<>(categoryByImage.keySet()));
    for (String image : images) {
      imagesByCategory.computeIfAbsent(categoryByImage.get(image), c -> new ArrayList<>()).add(image);
    }
    this.categories = new ArrayList<>(new TreeSet<>(imagesByCategory.keySet()));
    if (categories.size() < 2) {
      throw new IllegalArgumentException(
          "the simulation needs images of at least 2 categories, found " + categories.size());
    }
  }

  /** Simulates {@code settings.users()} users and returns their log. */
  public SimulatedLog run(Settings settings) {
    Random random = new Random(settings.seed());
    Map<String, Double> appeal = new HashMap<>();
    for (String image : images) {
      appeal.put(image, 0.8 * random.nextGaussian());
    }
    List<User> users = new ArrayList<>();
    List<Set<String>> truePreferences = new ArrayList<>();
    for (int u = 0; u < settings.users(); u++) {
      Set<String> preferred = new HashSet<>();
      int count = 2 + random.nextInt(2);
      while (preferred.size() < Math.min(count, categories.size())) {
        preferred.add(categories.get(random.nextInt(categories.size())));
      }
      truePreferences.add(preferred);
      Set<String> declared = random.nextBoolean()
          ? Set.of(new TreeSet<>(preferred).first()) : Set.of();
      users.add(new User(String.format("user-%04d", u), declared, Map.of(
          User.LOCATION, LOCATIONS.get(random.nextInt(LOCATIONS.size())),
          User.DEVICE, DEVICES.get(random.nextInt(DEVICES.size())))));
    }
    List<LoggedSearch> queries = new ArrayList<>();
    List<Interaction> interactions = new ArrayList<>();
    for (int s = 0; s < settings.sessionsPerUser(); s++) {
      for (int u = 0; u < settings.users(); u++) {
        Instant at = settings.start().plus(Duration.ofDays(s)).plusSeconds(37L * u);
        String queryId = users.get(u).id() + "-q" + s;
        session(random, settings.shown(), users.get(u).id(), truePreferences.get(u), appeal,
            queryId, at, queries, interactions);
      }
    }
    interactions.sort(Comparator.comparing(Interaction::timestamp));
    return new SimulatedLog(users, queries, interactions);
  }

  private void session(Random random, int shown, String user, Set<String> preferred,
      Map<String, Double> appeal, String queryId, Instant at, List<LoggedSearch> queries,
      List<Interaction> out) {
    String query;
    if (random.nextDouble() < 0.6) {
      List<String> pool = imagesByCategory.get(
          new ArrayList<>(new TreeSet<>(preferred)).get(random.nextInt(preferred.size())));
      query = pool.get(random.nextInt(pool.size()));
    } else {
      query = images.get(random.nextInt(images.size()));
    }
    queries.add(new LoggedSearch(queryId, user, at, query));
    String queryCategory = categoryByImage.get(query);
    List<String> results = moreLikeThis.apply(query, shown);
    for (int p = 0; p < results.size(); p++) {
      String image = results.get(p);
      Instant seen = at.plusMillis(100L * (p + 1));
      out.add(new Interaction(user, image, Interaction.Type.IMPRESSION, 0, seen, queryId));
      if (random.nextDouble() >= Math.pow(0.85, p)) {
        continue;
      }
      String category = categoryByImage.get(image);
      boolean sameCategory = Objects.equals(category, queryCategory);
      boolean likes = preferred.contains(category);
      double logit = -2 + (sameCategory ? 1.2 : 0) + (likes ? 2 : 0) + appeal.getOrDefault(image, 0.0);
      if (random.nextDouble() >= 1 / (1 + Math.exp(-logit))) {
        continue;
      }
      Instant clicked = at.plusSeconds(10L + 5L * p);
      out.add(new Interaction(user, image, Interaction.Type.CLICK, 0, clicked, queryId));
      long dwell = (long) Math.min(Interaction.MAX_DWELL_MILLIS,
          Math.exp(Math.log(8000) + (likes ? 0.7 : 0) + 0.5 * random.nextGaussian()));
      out.add(new Interaction(user, image, Interaction.Type.DWELL, dwell,
          clicked.plusMillis(dwell), queryId));
      Instant after = clicked.plusMillis(dwell + 1);
      if (random.nextDouble() < (likes ? 0.35 : 0.05)) {
        out.add(new Interaction(user, image, Interaction.Type.LIKE, 0, after, queryId));
      }
      if (random.nextDouble() < (likes ? 0.15 : 0.02)) {
        out.add(new Interaction(user, image, Interaction.Type.SAVE, 0, after, queryId));
      }
      if (random.nextDouble() < (likes && sameCategory ? 0.12 : 0.01)) {
        out.add(new Interaction(user, image, Interaction.Type.PURCHASE, 0, after, queryId));
      }
    }
  }
}
