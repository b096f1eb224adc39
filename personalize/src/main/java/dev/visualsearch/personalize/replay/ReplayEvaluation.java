package dev.visualsearch.personalize.replay;

import dev.visualsearch.Hit;
import dev.visualsearch.RankingMetrics;
import dev.visualsearch.eval.TrecMetrics;
import dev.visualsearch.personalize.EngagementScores;
import dev.visualsearch.personalize.EngagementWeights;
import dev.visualsearch.personalize.ImageCategories;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.LoggedSearch;
import dev.visualsearch.personalize.RankedHit;
import dev.visualsearch.personalize.RerankWeights;
import dev.visualsearch.personalize.Reranker;
import dev.visualsearch.personalize.TasteVector;
import dev.visualsearch.personalize.User;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Replays a log of searches and interactions to measure, offline, whether re-ranking puts the
 * images users then engaged with higher than the visual ranking does.
 *
 * <p>The log is replayed in time order. Before each search, every interaction older than it has
 * been observed (engagement scores, user histories), and nothing later: no ranker sees the future.
 * Searches at or after {@code heldOutFrom} that led to at least one click, like, save or purchase
 * are evaluated: each ranker re-ranks the images the user was shown (the search's impressions, in
 * visual order with their visual scores), and its first {@code k} are
 * scored against the images engaged with in that search (grade: click 1, like or save 2, purchase
 * 3; the strongest counts) by {@link TrecMetrics}: reciprocal rank, nDCG@k and recall@k.
 * Interactions of earlier searches only teach. Re-ranking only the shown images keeps the
 * comparison fair: an image the user never saw cannot have been engaged with, so ranking it high
 * would count against a ranker whatever its merit. So the replay measures the re-ordering of a
 * shown list; the live search ({@code PersonalizedSearch}) re-orders a larger candidate list
 * ({@link RerankWeights#candidates()}), which a log of what was shown cannot judge.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class ReplayEvaluation {

  private final BiFunction<String, Integer, List<Hit>> candidates;
  private final Function<String, Optional<float[]>> vectors;
  private final EngagementWeights engagementWeights;
  private final int k;
  private final int historyLimit;
  private final Instant heldOutFrom;
  private final Map<String, User> users;
  private final ImageCategories categories;
  private final float[] centre;
  private final RankingMetrics metrics = TrecMetrics.INSTANCE;

  private ReplayEvaluation(Builder builder) {
    this.candidates = builder.candidates;
    this.vectors = builder.vectors;
    this.engagementWeights = builder.engagementWeights;
    this.k = builder.k;
    this.historyLimit = builder.historyLimit;
    this.heldOutFrom = builder.heldOutFrom;
    this.users = Map.copyOf(builder.users);
    this.categories = builder.categories;
    this.centre = builder.centre;
  }

  /**
   * A builder.
   *
   * @param candidates the visual ranking of a search: for the query image and n, the n best
   *     matches, best first (for example {@code (id, n) -> search.similar(id, n).hits()})
   * @param vectors the embedding of an image id, for taste vectors
   */
  public static Builder builder(BiFunction<String, Integer, List<Hit>> candidates,
      Function<String, Optional<float[]>> vectors) {
    return new Builder(candidates, vectors);
  }

  /**
   * A ranker to evaluate: re-ranking with {@code weights}, reported as {@code name}.
   *
   * @param name its name in the result
   * @param weights its weights; only the taste and engagement weights matter here, since the
   *     replay re-orders the shown images rather than a fresh candidate list
   */
  public record Ranker(String name, RerankWeights weights) {

    /** @throws NullPointerException if an argument is null */
    public Ranker {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(weights, "weights");
    }
  }

  /**
   * Replays {@code queries} and {@code interactions} and scores each of {@code rankers}; the
   * first is the baseline that wins and losses are counted against (usually {@link
   * RerankWeights#VISUAL_ONLY}).
   *
   * @throws IllegalArgumentException if {@code rankers} is empty or names one twice
   * @throws IllegalStateException if no held-out search led to an engagement: nothing to score
   */
  public ReplayResult evaluate(List<LoggedSearch> queries, List<Interaction> interactions,
      List<Ranker> rankers) {
    if (rankers.isEmpty()) {
      throw new IllegalArgumentException("no ranker to evaluate");
    }
    List<String> names = rankers.stream().map(Ranker::name).toList();
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("ranker names must differ: " + names);
    }
    List<Reranker> rerankers = rankers.stream().map(r -> new Reranker(r.weights())).toList();
    int pool = k;
    Set<Interaction.Type> weighted = engagementWeights.weightedTypes();

    List<LoggedSearch> ordered = new ArrayList<>(queries);
    ordered.sort(Comparator.comparing(LoggedSearch::timestamp));
    List<Interaction> log = new ArrayList<>(interactions);
    log.sort(Comparator.comparing(Interaction::timestamp));
    Map<String, Map<String, Integer>> judgements = judgements(log);
    Map<String, Set<String>> impressions = impressions(log);

    EngagementScores engagement = new EngagementScores(engagementWeights);
    Map<String, Deque<Interaction>> histories = new HashMap<>();
    double[][] sums = new double[names.size()][3];
    int[] wins = new int[names.size()];
    int[] losses = new int[names.size()];
    int evaluated = 0;
    int next = 0;
    for (LoggedSearch query : ordered) {
      while (next < log.size() && log.get(next).timestamp().isBefore(query.timestamp())) {
        Interaction interaction = log.get(next++);
        engagement.observe(interaction);
        if (!weighted.contains(interaction.type())) {
          continue; // as the live search: tastes learn from weighted events only
        }
        Deque<Interaction> history =
            histories.computeIfAbsent(interaction.user(), u -> new ArrayDeque<>());
        history.addLast(interaction);
        if (history.size() > historyLimit) {
          history.removeFirst();
        }
      }
      Map<String, Integer> judged = judgements.get(query.queryId());
      if (query.timestamp().isBefore(heldOutFrom) || judged == null || query.image() == null) {
        // An upload search cannot be repeated: its image was never stored.
        continue;
      }
      evaluated++;
      Set<String> shown = impressions.getOrDefault(query.queryId(), Set.of());
      List<Hit> visual = candidates.apply(query.image(), Math.max(pool, shown.size())).stream()
          .filter(hit -> shown.contains(hit.id())).toList();
      Optional<TasteVector> taste = taste(query, histories);
      double baseline = Double.NaN;
      for (int r = 0; r < names.size(); r++) {
        List<String> ranking = rerankers.get(r).rerank(visual, k, taste, vectors, engagement,
            query.timestamp()).stream().map(RankedHit::id).toList();
        double ndcg = metrics.ndcg(ranking, judged, k);
        sums[r][0] += metrics.reciprocalRank(ranking, judged);
        sums[r][1] += ndcg;
        sums[r][2] += metrics.recall(ranking, judged, k);
        if (r == 0) {
          baseline = ndcg;
        } else if (ndcg > baseline + 1e-12) {
          wins[r]++;
        } else if (ndcg < baseline - 1e-12) {
          losses[r]++;
        }
      }
    }
    if (evaluated == 0) {
      throw new IllegalStateException("no search from " + heldOutFrom + " on led to a click,"
          + " like, save or purchase: nothing to evaluate");
    }
    Map<String, ReplayResult.Scores> scores = new LinkedHashMap<>();
    for (int r = 0; r < names.size(); r++) {
      double n = evaluated;
      scores.put(names.get(r), new ReplayResult.Scores(
          sums[r][0] / n, sums[r][1] / n, sums[r][2] / n, wins[r], losses[r]));
    }
    return new ReplayResult(evaluated, k, scores);
  }

  private Optional<TasteVector> taste(LoggedSearch query, Map<String, Deque<Interaction>> histories) {
    User user = users.get(query.user());
    List<String> declaredImages =
        user == null ? List.of() : categories.imagesOf(user.preferredCategories());
    List<Interaction> history = new ArrayList<>(histories.getOrDefault(query.user(), new ArrayDeque<>()));
    return TasteVector.learnedOrDeclared(history, declaredImages, vectors, engagementWeights,
        query.timestamp(), centre);
  }

  /** The images shown in each search, by query id. */
  private static Map<String, Set<String>> impressions(List<Interaction> log) {
    Map<String, Set<String>> byQuery = new HashMap<>();
    for (Interaction interaction : log) {
      if (interaction.type() == Interaction.Type.IMPRESSION && interaction.queryId() != null) {
        byQuery.computeIfAbsent(interaction.queryId(), q -> new HashSet<>()).add(interaction.image());
      }
    }
    return byQuery;
  }

  /** The graded images engaged with in each search, by query id. */
  private static Map<String, Map<String, Integer>> judgements(List<Interaction> log) {
    Map<String, Map<String, Integer>> byQuery = new HashMap<>();
    for (Interaction interaction : log) {
      int grade = switch (interaction.type()) {
        case CLICK -> 1;
        case LIKE, SAVE -> 2;
        case PURCHASE -> 3;
        case IMPRESSION, DWELL -> 0;
      };
      if (grade > 0 && interaction.queryId() != null) {
        byQuery.computeIfAbsent(interaction.queryId(), q -> new HashMap<>())
            .merge(interaction.image(), grade, Math::max);
      }
    }
    return byQuery;
  }

  /** Configures a {@link ReplayEvaluation}. Not thread-safe. */
  public static final class Builder {
    private final BiFunction<String, Integer, List<Hit>> candidates;
    private final Function<String, Optional<float[]>> vectors;
    private EngagementWeights engagementWeights = EngagementWeights.DEFAULT;
    private int k = 10;
    private int historyLimit = 500;
    private Instant heldOutFrom = Instant.ofEpochMilli(Long.MIN_VALUE);
    private Map<String, User> users = Map.of();
    private ImageCategories categories = ImageCategories.NONE;
    private float[] centre;

    private Builder(BiFunction<String, Integer, List<Hit>> candidates,
        Function<String, Optional<float[]>> vectors) {
      this.candidates = Objects.requireNonNull(candidates, "candidates");
      this.vectors = Objects.requireNonNull(vectors, "vectors");
    }

    /** How interactions count; default {@link EngagementWeights#DEFAULT}. */
    public Builder engagementWeights(EngagementWeights weights) {
      this.engagementWeights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * The cut-off; default 10.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Builder k(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1: " + k);
      }
      this.k = k;
      return this;
    }

    /** How many of a user's latest interactions their taste is learned from; default 500. */
    public Builder historyLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("historyLimit must be >= 1: " + limit);
      }
      this.historyLimit = limit;
      return this;
    }

    /** Searches from this time on are evaluated; earlier ones only teach. Default: all. */
    public Builder heldOutFrom(Instant from) {
      this.heldOutFrom = Objects.requireNonNull(from, "from");
      return this;
    }

    /**
     * The users, for the categories they declared, with the category of each image: a user
     * without history then starts from the declared categories' taste. Default: none.
     */
    public Builder users(List<User> users, Map<String, String> categoryByImage) {
      Map<String, User> byId = new HashMap<>();
      users.forEach(user -> byId.put(user.id(), user));
      this.users = byId;
      this.categories = ImageCategories.of(categoryByImage);
      return this;
    }

    /**
     * The point tastes are seen from, as {@link dev.visualsearch.personalize.PersonalizedSearch} uses: the collection's mean
     * embedding ({@link TasteVector#mean}). Default: the origin.
     */
    public Builder centre(float[] centre) {
      this.centre = Objects.requireNonNull(centre, "centre").clone();
      return this;
    }

    /** The evaluation. */
    public ReplayEvaluation build() {
      return new ReplayEvaluation(this);
    }
  }
}
