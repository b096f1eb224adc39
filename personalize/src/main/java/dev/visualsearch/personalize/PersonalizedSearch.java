package dev.visualsearch.personalize;

import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Visual search that learns from what users do: results of a {@link VisualSearch} re-ranked for a
 * user by the images' engagement and the user's taste ({@link RerankWeights} says how), with the
 * interactions kept in an {@link InteractionStore}.
 *
 * <pre>{@code
 * try (InteractionStore store = SqliteInteractionStore.open(dir.resolve("interactions.db"))) {
 *   PersonalizedSearch personalized = PersonalizedSearch.builder(search, store).build();
 *   List<RankedHit> hits = personalized.search(Path.of("query.jpg"), 10, "user-42");
 *   personalized.record(List.of(RawInteraction.of(
 *       new Interaction("user-42", hits.get(0).id(), Interaction.Type.CLICK, 0, Instant.now()))));
 * }
 * }</pre>
 *
 * <p>Building reads the store's whole log once into {@link EngagementScores} (events dated after
 * the clock plus {@link #MAX_CLOCK_SKEW} are left out) and computes the collection's mean
 * embedding, the centre tastes are seen from ({@link TasteVector}); afterwards {@link #record}
 * keeps the scores current (the centre stays as built). Events written to the store by another
 * process are not counted until the next build. Taste vectors are computed per request from the
 * user's latest interactions of the types that carry weight ({@code historyLimit} of them, so
 * impressions do not crowd them out).
 *
 * <p>Thread-safe: searches and records may run concurrently, as the store and the collection
 * allow.
 */
public final class PersonalizedSearch {

  /** How far in the future of the clock an event may be dated: clocks of clients differ a little. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final VisualSearch search;
  private final InteractionStore store;
  private final Reranker reranker;
  private final EngagementScores engagement;
  private final int historyLimit;
  private final ImageCategories categories;
  private final Clock clock;
  private final float[] centre;

  private PersonalizedSearch(Builder builder, EngagementScores engagement, float[] centre) {
    this.search = builder.search;
    this.store = builder.store;
    this.reranker = new Reranker(builder.weights);
    this.engagement = engagement;
    this.historyLimit = builder.historyLimit;
    this.categories = builder.categories;
    this.clock = builder.clock;
    this.centre = centre;
  }

  /** A builder over {@code search} with interactions in {@code store}. */
  public static Builder builder(VisualSearch search, InteractionStore store) {
    return new Builder(search, store);
  }

  /**
   * The {@code k} images that best match the image in {@code file} for {@code user}.
   *
   * @param user the user's id; an unknown user gets the cold-start ranking ({@link RerankWeights})
   * @throws IOException if the file or the store cannot be read
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public List<RankedHit> search(Path file, int k, String user) throws IOException {
    return rerank(search.search(file, candidates(k)), k, user);
  }

  /**
   * The {@code k} images that best match {@code image} for {@code user}.
   *
   * @throws IOException if the store cannot be read
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public List<RankedHit> search(BufferedImage image, int k, String user) throws IOException {
    return rerank(search.search(image, candidates(k)), k, user);
  }

  /**
   * The {@code k} images that best match {@code query} (an embedding of the collection's model)
   * for {@code user}.
   *
   * @throws IOException if the store cannot be read
   * @throws IllegalArgumentException if {@code k < 1} or the query is not a valid vector
   */
  public List<RankedHit> search(float[] query, int k, String user) throws IOException {
    return rerank(search.search(query, candidates(k)), k, user);
  }

  /**
   * "More like this" for {@code user}: the images most like the stored image {@code id} (itself
   * and its near-duplicates left out, as {@link VisualSearch#similar} does), re-ranked.
   *
   * @throws IOException if the store cannot be read
   * @throws IllegalArgumentException if {@code k < 1} or there is no image {@code id}
   */
  public List<RankedHit> similar(String id, int k, String user) throws IOException {
    return rerank(search.similar(id, candidates(k)), k, user);
  }

  /**
   * Stores {@code batch} and counts the stored events in the engagement scores at once. Events
   * dated more than {@link #MAX_CLOCK_SKEW} after this search's clock are refused like other bad
   * events: a client with a wrong clock must not skew what everyone sees.
   *
   * @throws IOException if the store cannot be written; then nothing is counted
   */
  public AppendResult record(List<RawInteraction> batch) throws IOException {
    Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
    List<AppendResult.Rejection> rejected = new ArrayList<>();
    List<RawInteraction> accepted = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      RawInteraction event = batch.get(i);
      if (event != null && event.timestamp() != null && event.timestamp().isAfter(latest)) {
        rejected.add(new AppendResult.Rejection(i, event, "timestamp " + event.timestamp()
            + " is in the future (this server's clock allows up to " + latest + ")"));
      } else {
        accepted.add(event);
        positions.add(i);
      }
    }
    AppendResult stored = store.append(accepted);
    boolean[] refused = new boolean[accepted.size()];
    for (AppendResult.Rejection rejection : stored.rejected()) {
      refused[rejection.index()] = true;
      rejected.add(new AppendResult.Rejection(positions.get(rejection.index()),
          rejection.event(), rejection.reason()));
    }
    for (int i = 0; i < accepted.size(); i++) {
      if (!refused[i]) {
        engagement.observe(accepted.get(i).validate());
      }
    }
    rejected.sort(java.util.Comparator.comparingInt(AppendResult.Rejection::index));
    return new AppendResult(stored.stored(), rejected);
  }

  /**
   * The taste vector of {@code user} now: learned from their latest interactions, else from the
   * categories they declared (when the builder was given the images' categories), else empty.
   *
   * @throws IOException if the store cannot be read
   */
  public Optional<TasteVector> taste(String user) throws IOException {
    Objects.requireNonNull(user, "user");
    List<String> declaredImages = store.user(user)
        .map(known -> categories.imagesOf(known.preferredCategories())).orElse(List.of());
    Set<Interaction.Type> weighted = engagement.weights().weightedTypes();
    List<Interaction> history =
        weighted.isEmpty() ? List.of() : store.forUser(user, historyLimit, weighted);
    return TasteVector.learnedOrDeclared(history, declaredImages, search::vector,
        engagement.weights(), clock.instant(), centre);
  }

  /** The engagement scores re-ranking uses (live: they follow {@link #record}). */
  public EngagementScores engagement() {
    return engagement;
  }

  /** The re-ranking weights. */
  public RerankWeights weights() {
    return reranker.weights();
  }

  private int candidates(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    return Math.max(k, reranker.weights().candidates());
  }

  private List<RankedHit> rerank(SearchResult visual, int k, String user) throws IOException {
    Objects.requireNonNull(user, "user");
    Optional<TasteVector> taste =
        reranker.weights().taste() > 0 ? taste(user) : Optional.empty();
    List<Hit> hits = visual.hits();
    return reranker.rerank(hits, k, taste, search::vector, engagement, clock.instant());
  }

  /** Configures a {@link PersonalizedSearch}. Not thread-safe. */
  public static final class Builder {
    private final VisualSearch search;
    private final InteractionStore store;
    private RerankWeights weights = RerankWeights.DEFAULT;
    private EngagementWeights engagementWeights = EngagementWeights.DEFAULT;
    private int historyLimit = 500;
    private ImageCategories categories = ImageCategories.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder(VisualSearch search, InteractionStore store) {
      this.search = Objects.requireNonNull(search, "search");
      this.store = Objects.requireNonNull(store, "store");
    }

    /** How visual score, taste and engagement are blended; default {@link RerankWeights#DEFAULT}. */
    public Builder weights(RerankWeights weights) {
      this.weights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /** How interactions count; default {@link EngagementWeights#DEFAULT}. */
    public Builder engagementWeights(EngagementWeights weights) {
      this.engagementWeights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * How many of a user's latest interactions their taste is learned from; default 500.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public Builder historyLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("historyLimit must be >= 1: " + limit);
      }
      this.historyLimit = limit;
      return this;
    }

    /**
     * The category of each image, by image id: lets a user without interactions who declared
     * preferred categories start with the taste of those categories' images. Default: none.
     */
    public Builder categories(Map<String, String> categoryByImage) {
      this.categories = ImageCategories.of(categoryByImage);
      return this;
    }

    /** The clock that decays engagement and taste; default the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Reads the store's log into the engagement scores and returns the search.
     *
     * @throws IOException if the store cannot be read
     */
    public PersonalizedSearch build() throws IOException {
      EngagementScores engagement = new EngagementScores(engagementWeights);
      Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
      store.scanAll(interaction -> {
        if (!interaction.timestamp().isAfter(latest)) { // stored by another tool: not counted
          engagement.observe(interaction);
        }
      });
      return new PersonalizedSearch(this, engagement, TasteVector.collectionMean(search));
    }
  }
}
