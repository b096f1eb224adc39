package dev.visualsearch.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.RawInteraction;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The JSON form of an interaction: {@code {"user": "u1", "image": "pairs/box.png", "type":
 * "dwell", "dwellMs": 1200, "timestamp": "2026-01-02T03:04:05Z", "queryId": "…"}}; {@code dwellMs}
 * only for dwell, {@code timestamp} optional on input (the server's time then), {@code queryId}
 * optional (the {@code queryId} of the search response the image was in).
 */
final class InteractionJson {

  /**
   * One object of a request body: the event as sent, or why it could not even be read (a field of
   * the wrong JSON type, a timestamp that is not an instant).
   */
  record Parsed(RawInteraction event, String error) {}

  private InteractionJson() {}

  static void write(JsonGenerator json, Interaction interaction) throws IOException {
    json.writeStartObject();
    json.writeStringField("user", interaction.user());
    json.writeStringField("image", interaction.image());
    json.writeStringField("type", interaction.type().jsonName());
    if (interaction.type() == Interaction.Type.DWELL) {
      json.writeNumberField("dwellMs", interaction.dwellMillis());
    }
    json.writeStringField("timestamp", interaction.timestamp().toString());
    if (interaction.queryId() != null) {
      json.writeStringField("queryId", interaction.queryId());
    }
    json.writeEndObject();
  }

  /**
   * Parses one interaction object or an array of them. Each object is returned as sent, to be
   * checked by the store, or with the reason it could not be read; a body that is not JSON, or not
   * an object or an array of objects, is refused as a whole.
   *
   * @param now the timestamp of an interaction that gives none
   * @throws IllegalArgumentException naming the position and the reason if the body is malformed
   */
  static List<Parsed> parse(byte[] body, Supplier<Instant> now) {
    try (JsonParser parser = Json.parser(body)) {
      JsonToken first = parser.nextToken();
      List<Parsed> parsed = new ArrayList<>();
      if (first == JsonToken.START_ARRAY) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(
                "interaction " + (parsed.size() + 1) + " of the array is not a JSON object");
          }
          parsed.add(object(parser, now));
        }
      } else if (first == JsonToken.START_OBJECT) {
        parsed.add(object(parser, now));
      } else {
        throw new IllegalArgumentException(
            "the body must be a JSON object or an array of objects, not " + describe(first));
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON value");
      }
      return parsed;
    } catch (IOException e) {
      // Jackson's message names the problem and the position; keep its first line only.
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static Parsed object(JsonParser parser, Supplier<Instant> now) throws IOException {
    String user = null;
    String image = null;
    String type = null;
    String queryId = null;
    Long dwell = null;
    Instant timestamp = null;
    String error = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      try {
        switch (field) {
          case "user" -> user = text(parser, value, "user");
          case "image" -> image = text(parser, value, "image");
          case "type" -> type = text(parser, value, "type");
          case "queryId" -> queryId = text(parser, value, "queryId");
          case "dwellMs" -> {
            if (value != JsonToken.VALUE_NUMBER_INT) {
              throw new IllegalArgumentException("dwellMs must be a whole number of"
                  + " milliseconds, not " + describe(value));
            }
            dwell = parser.getLongValue();
          }
          case "timestamp" -> {
            String text = text(parser, value, "timestamp");
            try {
              timestamp = Instant.parse(text);
            } catch (DateTimeParseException e) {
              throw new IllegalArgumentException("timestamp must be an ISO-8601 instant such"
                  + " as 2026-01-02T03:04:05Z, not '" + text + "'");
            }
          }
          default -> parser.skipChildren(); // unknown fields are ignored, for newer clients
        }
      } catch (IllegalArgumentException e) {
        parser.skipChildren();
        error = error == null ? e.getMessage() : error;
      }
    }
    RawInteraction event = new RawInteraction(user, image, type, dwell,
        timestamp == null ? now.get() : timestamp, queryId);
    return new Parsed(event, error);
  }

  private static String text(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException(field + " must be a string, not " + describe(value));
    }
    return parser.getText();
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing (an empty body)";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
