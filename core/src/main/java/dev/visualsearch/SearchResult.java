package dev.visualsearch;

import java.util.List;
import java.util.Objects;

/**
 * The ranked answer to one search: hits in descending score order, ties in the order the items
 * were added (so exact search is deterministic). It holds at most {@code k} hits, fewer when the
 * index (or the part a filter lets through) holds fewer items.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits the hits, best first; an unmodifiable copy of what was passed in
 */
public record SearchResult(List<Hit> hits) {

  /** A result without hits. */
  public static final SearchResult EMPTY = new SearchResult(List.of());

  /** @throws NullPointerException if {@code hits} or any hit is null */
  public SearchResult {
    hits = List.copyOf(Objects.requireNonNull(hits, "hits"));
  }

  /** The number of hits. */
  public int size() {
    return hits.size();
  }

  /** Whether there are no hits. */
  public boolean isEmpty() {
    return hits.isEmpty();
  }

  /** The hit at {@code rank} (0 = best). */
  public Hit get(int rank) {
    return hits.get(rank);
  }

  /** The ids of the hits, best first. */
  public List<String> ids() {
    return hits.stream().map(Hit::id).toList();
  }
}
