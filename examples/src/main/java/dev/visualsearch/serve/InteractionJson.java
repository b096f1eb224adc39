package dev.visualsearch.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The JSON form of an {@link Interaction}, shared by the API and the JSON-lines file: {@code
 * {"user": "u1", "image": "pairs/box.png", "type": "dwell", "dwellMs": 1200, "timestamp":
 * "2026-01-02T03:04:05Z"}}; {@code dwellMs} only for dwell, {@code timestamp} optional on input.
 */
final class InteractionJson {

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
    json.writeEndObject();
  }

  /**
   * Parses one interaction object or an array of them.
   *
   * @param now the timestamp of an interaction that gives none
   * @throws IllegalArgumentException naming the field and the reason if the JSON is malformed or
   *     an interaction is invalid
   */
  static List<Interaction> parse(byte[] body, Supplier<Instant> now) {
    try (JsonParser parser = Json.parser(body)) {
      JsonToken first = parser.nextToken();
      List<Interaction> interactions = new ArrayList<>();
      if (first == JsonToken.START_ARRAY) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(
                "interaction " + (interactions.size() + 1) + " of the array is not a JSON object");
          }
          interactions.add(object(parser, now, "interaction " + (interactions.size() + 1) + ": "));
        }
      } else if (first == JsonToken.START_OBJECT) {
        interactions.add(object(parser, now, ""));
      } else {
        throw new IllegalArgumentException(
            "the body must be a JSON object or an array of objects, not " + describe(first));
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON value");
      }
      return interactions;
    } catch (IOException e) {
      // Jackson's message names the problem and the position; keep its first line only.
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static Interaction object(JsonParser parser, Supplier<Instant> now, String where)
      throws IOException {
    String user = null;
    String image = null;
    String type = null;
    Long dwell = null;
    Instant timestamp = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "user" -> user = text(parser, value, where + "user");
        case "image" -> image = text(parser, value, where + "image");
        case "type" -> type = text(parser, value, where + "type");
        case "dwellMs" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException(where + "dwellMs must be a whole number of"
                + " milliseconds, not " + describe(value));
          }
          dwell = parser.getLongValue();
        }
        case "timestamp" -> {
          String text = text(parser, value, where + "timestamp");
          try {
            timestamp = Instant.parse(text);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "timestamp must be an ISO-8601 instant such"
                + " as 2026-01-02T03:04:05Z, not '" + text + "'");
          }
        }
        default -> parser.skipChildren(); // unknown fields are ignored, for newer clients
      }
    }
    if (user == null || image == null || type == null) {
      throw new IllegalArgumentException(where + "an interaction needs the fields user, image and"
          + " type; missing: " + (user == null ? "user " : "") + (image == null ? "image " : "")
          + (type == null ? "type" : "").trim());
    }
    Interaction.Type parsedType = Interaction.Type.fromJson(type);
    if (parsedType == Interaction.Type.DWELL && dwell == null) {
      throw new IllegalArgumentException(where + "a dwell interaction needs dwellMs");
    }
    try {
      return new Interaction(user, image, parsedType, dwell == null ? 0 : dwell,
          timestamp == null ? now.get() : timestamp);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage());
    }
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
