package dev.visualsearch.personalize;

import java.time.Instant;

/**
 * An interaction as it arrived, before it is checked: every field may be missing or wrong. {@link
 * InteractionStore#append(java.util.List)} takes these so that one bad event in a batch is rejected
 * with its reason while the rest are stored.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user who did it; may be null
 * @param image the image it was done to; may be null
 * @param type the type's name, e.g. {@code "click"}; may be null or unknown
 * @param dwellMillis the dwell time for type dwell; null when not given
 * @param timestamp when it happened; may be null
 * @param queryId the search it belongs to; null when unknown
 */
public record RawInteraction(
    String user, String image, String type, Long dwellMillis, Instant timestamp, String queryId) {

  /** The raw form of a valid interaction. */
  public static RawInteraction of(Interaction interaction) {
    return new RawInteraction(interaction.user(), interaction.image(),
        interaction.type().jsonName(),
        interaction.type() == Interaction.Type.DWELL ? interaction.dwellMillis() : null,
        interaction.timestamp(), interaction.queryId());
  }

  /**
   * The interaction this describes.
   *
   * @throws IllegalArgumentException naming the field and the reason if it is invalid: a missing
   *     or empty id, an unknown type, a dwell without or with a negative duration, no timestamp
   */
  public Interaction validate() {
    StringBuilder missing = new StringBuilder();
    appendIfMissing(missing, "user", user);
    appendIfMissing(missing, "image", image);
    appendIfMissing(missing, "type", type);
    if (timestamp == null) {
      missing.append(missing.isEmpty() ? "" : ", ").append("timestamp");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing " + missing);
    }
    Interaction.Type parsed = Interaction.Type.fromJson(type);
    if (parsed == Interaction.Type.DWELL && dwellMillis == null) {
      throw new IllegalArgumentException("a dwell interaction needs dwellMs");
    }
    return new Interaction(user, image, parsed, dwellMillis == null ? 0 : dwellMillis, timestamp,
        queryId);
  }

  private static void appendIfMissing(StringBuilder missing, String field, String value) {
    if (value == null || value.isEmpty()) {
      missing.append(missing.isEmpty() ? "" : ", ").append(field);
    }
  }
}
