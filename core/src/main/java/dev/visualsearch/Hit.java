package dev.visualsearch;

import java.util.Objects;

/**
 * One answer to a search: the id of a stored item and its score for the query (higher is more
 * similar; see {@link Metric} for what the number means).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the caller-chosen id the item was added under
 * @param score the item's score for the query under the index's metric
 */
public record Hit(String id, float score) {

  /**
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code score} is NaN
   */
  public Hit {
    Objects.requireNonNull(id, "id");
    if (Float.isNaN(score)) {
      throw new IllegalArgumentException("score of hit '" + id + "' is NaN");
    }
  }
}
