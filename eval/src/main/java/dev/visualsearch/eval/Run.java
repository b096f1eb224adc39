package dev.visualsearch.eval;

import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ranked answers of a system to a set of queries (a TREC "run"): for each query id, its hits
 * best first. Queries keep the order they were added in.
 *
 * <p>Immutable and thread-safe.
 */
public final class Run {

  private final Map<String, List<Hit>> byQuery;

  private Run(Map<String, List<Hit>> byQuery) {
    this.byQuery = byQuery;
  }

  /** Starts a run. */
  public static Builder builder() {
    return new Builder();
  }

  /** The query ids, in the order they were added. */
  public Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** The hits of {@code queryId}, best first; empty when the query is not in the run. */
  public List<Hit> hits(String queryId) {
    return byQuery.getOrDefault(queryId, List.of());
  }

  /** The ids of the hits of {@code queryId}, best first. */
  public List<String> ranking(String queryId) {
    return hits(queryId).stream().map(Hit::id).toList();
  }

  /** Whether the run answers {@code queryId} (possibly with no hits). */
  public boolean contains(String queryId) {
    return byQuery.containsKey(queryId);
  }

  /** The number of queries. */
  public int size() {
    return byQuery.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Run other && byQuery.equals(other.byQuery);
  }

  @Override
  public int hashCode() {
    return byQuery.hashCode();
  }

  @Override
  public String toString() {
    return "Run[" + byQuery.size() + " queries]";
  }

  /** Collects answers. Not thread-safe. */
  public static final class Builder {

    private final Map<String, List<Hit>> byQuery = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the answer to {@code queryId}.
     *
     * @throws IllegalArgumentException if the query already has one, or its id is empty
     */
    public Builder add(String queryId, List<Hit> hits) {
      Objects.requireNonNull(queryId, "query id");
      if (queryId.isEmpty()) {
        throw new IllegalArgumentException("query id must not be empty");
      }
      List<Hit> copy = List.copyOf(Objects.requireNonNull(hits, "hits"));
      if (byQuery.putIfAbsent(queryId, copy) != null) {
        throw new IllegalArgumentException("query '" + queryId + "' is already in the run");
      }
      return this;
    }

    /** Sets the answer to {@code queryId} to the hits of {@code result}. */
    public Builder add(String queryId, SearchResult result) {
      return add(queryId, result.hits());
    }

    /** The run so far; the builder may go on. */
    public Run build() {
      return new Run(Collections.unmodifiableMap(new LinkedHashMap<>(byQuery)));
    }
  }
}
