package dev.visualsearch.eval;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Relevance judgements: for each query id, the graded relevance of document ids (TREC "qrels").
 * An id is relevant to a query when its grade is above 0. Queries and, within a query, ids keep
 * the order they were added in.
 *
 * <p>Immutable and thread-safe.
 */
public final class Qrels {

  private final Map<String, Map<String, Integer>> byQuery;

  private Qrels(Map<String, Map<String, Integer>> byQuery) {
    this.byQuery = byQuery;
  }

  /** Starts a set of judgements. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Judgements where each query's listed ids are relevant with grade 1 (and nothing else is
   * judged): what the protocols that know only "same object" or "same label" produce. A query with
   * an empty list is kept, with no judgements.
   *
   * @throws IllegalArgumentException if a query lists an id twice
   */
  public static Qrels binary(Map<String, ? extends Collection<String>> relevantByQuery) {
    Builder builder = builder();
    relevantByQuery.forEach(
        (query, ids) -> {
          builder.query(query);
          ids.forEach(id -> builder.add(query, id, 1));
        });
    return builder.build();
  }

  /** The query ids, in the order they were added. */
  public Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** The judgements of {@code queryId}: id → grade; empty when the query has none. */
  public Map<String, Integer> judgements(String queryId) {
    return byQuery.getOrDefault(queryId, Map.of());
  }

  /** How many ids are relevant (grade > 0) to {@code queryId}. */
  public int relevantCount(String queryId) {
    return JudgedRanking.relevantCount(judgements(queryId));
  }

  /** The ids relevant (grade > 0) to {@code queryId}, in the order they were added. */
  public List<String> relevant(String queryId) {
    return judgements(queryId).entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The number of queries. */
  public int size() {
    return byQuery.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Qrels other && byQuery.equals(other.byQuery);
  }

  @Override
  public int hashCode() {
    return byQuery.hashCode();
  }

  @Override
  public String toString() {
    return "Qrels[" + byQuery.size() + " queries]";
  }

  /** Collects judgements. Not thread-safe. */
  public static final class Builder {

    private final Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();

    private Builder() {}

    /** Adds {@code queryId} without judgements, if it is not there yet. */
    public Builder query(String queryId) {
      checkToken(queryId, "query id");
      byQuery.computeIfAbsent(queryId, q -> new LinkedHashMap<>());
      return this;
    }

    /**
     * Judges {@code id} for {@code queryId}.
     *
     * @throws IllegalArgumentException if that pair is already judged (trec_eval refuses
     *     duplicate judgements), or an id is empty
     */
    public Builder add(String queryId, String id, int grade) {
      query(queryId);
      checkToken(id, "id");
      Integer earlier = byQuery.get(queryId).putIfAbsent(id, grade);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "query '" + queryId + "' judges id '" + id + "' twice: grades " + earlier + " and " + grade);
      }
      return this;
    }

    /** The judgements added so far; the builder may go on. */
    public Qrels build() {
      Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
      byQuery.forEach((query, judged) -> copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(judged))));
      return new Qrels(Collections.unmodifiableMap(copy));
    }

    private static void checkToken(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
    }
  }
}
