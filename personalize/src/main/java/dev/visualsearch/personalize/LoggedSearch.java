package dev.visualsearch.personalize;

import java.time.Instant;
import java.util.Objects;

/**
 * One search in a log: who asked, when, and for images like which stored image. The interactions
 * with its results carry its {@code queryId}; the offline evaluation replays searches with them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param queryId the id the interactions with its results name
 * @param user who searched
 * @param timestamp when; the interactions with its results are later
 * @param image the stored image the search was for ("more like this", or a search by an indexed
 *     item's thumbnail); null for a search by an uploaded image, which a replay cannot repeat
 */
public record LoggedSearch(String queryId, String user, Instant timestamp, String image) {

  /**
   * @throws NullPointerException if the query id, user or timestamp is null
   * @throws IllegalArgumentException if an id is empty or too long, or the timestamp is outside
   *     epoch milliseconds
   */
  public LoggedSearch {
    // The same rules as an interaction's: a search is logged beside them.
    new Interaction(user, image == null ? "upload" : image, Interaction.Type.IMPRESSION, 0,
        timestamp, Objects.requireNonNull(queryId, "queryId"));
  }
}
