package dev.visualsearch.personalize;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing a user did with a result: saw it, clicked it, looked at it for a while, liked, saved
 * or bought it. What the engagement scores and taste vectors learn from.
 *
 * <p>Immutable and thread-safe. An instance is always valid; input that may be invalid (a request
 * body, a file) goes through {@link RawInteraction#validate()}.
 *
 * @param user who did it: an opaque id, 1 to {@value #MAX_ID_LENGTH} characters
 * @param image the id of the indexed image it was done to
 * @param type what was done
 * @param dwellMillis for {@link Type#DWELL}, how long the image was looked at, in milliseconds;
 *     0 for the other types
 * @param timestamp when it happened
 * @param queryId the search whose results the image was in, when known: it groups the events of
 *     one result list for the offline evaluation; {@code null} when unknown
 */
public record Interaction(
    String user, String image, Type type, long dwellMillis, Instant timestamp, String queryId) {

  /** The longest user, image or query id accepted. */
  public static final int MAX_ID_LENGTH = 512;

  /** The earliest timestamp accepted: the first instant of epoch milliseconds. */
  public static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);

  /** The latest timestamp accepted: the last instant of epoch milliseconds. */
  public static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  /** The longest dwell time accepted: one day. */
  public static final long MAX_DWELL_MILLIS = 24L * 60 * 60 * 1000;

  /** What a user did with a result. */
  public enum Type {
    IMPRESSION, CLICK, DWELL, LIKE, SAVE, PURCHASE;

    /** The lower-case name used in JSON and in the store, e.g. {@code "click"}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type named {@code name}, case-insensitive.
     *
     * @throws IllegalArgumentException if there is none, naming the value and the choices
     */
    public static Type fromJson(String name) {
      for (Type type : values()) {
        if (type.jsonName().equalsIgnoreCase(name)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown interaction type '" + name
          + "': one of impression, click, dwell, like, save, purchase");
    }
  }

  /**
   * @throws NullPointerException if user, image, type or timestamp is null
   * @throws IllegalArgumentException if an id is empty or too long, the timestamp is outside
   *     epoch milliseconds, or the dwell time is out of range (negative, over a day, or given for
   *     a type other than dwell)
   */
  public Interaction {
    checkId("user", user);
    checkId("image", image);
    if (queryId != null) {
      checkId("queryId", queryId);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    if (timestamp.isBefore(EARLIEST) || timestamp.isAfter(LATEST)) {
      throw new IllegalArgumentException("timestamp must be between " + EARLIEST + " and "
          + LATEST + " (epoch milliseconds): " + timestamp);
    }
    if (type == Type.DWELL && (dwellMillis < 0 || dwellMillis > MAX_DWELL_MILLIS)) {
      throw new IllegalArgumentException(
          "dwellMs must be between 0 and " + MAX_DWELL_MILLIS + ": " + dwellMillis);
    }
    if (type != Type.DWELL && dwellMillis != 0) {
      throw new IllegalArgumentException(
          "dwellMs belongs to type dwell only, not " + type.jsonName() + ": " + dwellMillis);
    }
  }

  /** An interaction outside any known search. */
  public Interaction(String user, String image, Type type, long dwellMillis, Instant timestamp) {
    this(user, image, type, dwellMillis, timestamp, null);
  }

  private static void checkId(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          field + " must be 1 to " + MAX_ID_LENGTH + " characters long, not " + value.length());
    }
  }
}
