package dev.visualsearch.personalize.replay;

import java.time.Instant;
import java.util.Objects;

/**
 * One search in a log: who asked, when, and for images like which stored image ("more like this").
 * The interactions with its results carry its {@code queryId}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param queryId the id the interactions of its results name
 * @param user who searched
 * @param timestamp when; every interaction with its results is later
 * @param image the stored image the search was for
 */
public record LoggedQuery(String queryId, String user, Instant timestamp, String image) {

  /** @throws NullPointerException if any argument is null */
  public LoggedQuery {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(image, "image");
  }
}
