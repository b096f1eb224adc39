package dev.visualsearch.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.User;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PUT and GET /api/users/{id}: what a user declared (preferred categories, attributes such as
 * location and device), e.g. from an onboarding form. Declared categories give a new user a
 * taste before they have engaged with anything.
 */
final class UserApi {

  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final System.Logger LOG = System.getLogger(UserApi.class.getName());

  private final InteractionStore store;

  UserApi(InteractionStore store) {
    this.store = store;
  }

  /** Body: {@code {"preferredCategories": ["animals/birds"], "attributes": {"device": "mobile"}}}. */
  void put(HttpExchange exchange, String id) throws IOException {
    byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES, "the user body");
    User user;
    try {
      user = parse(id, body);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.badRequest("user '" + id + "': " + e.getMessage());
    }
    try {
      store.putUser(user);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "storing user " + id + " in " + store + " failed", e);
      throw new ApiException(500, "user '" + id + "': the interaction store could not be"
          + " written; the server log has the details");
    }
    Exchanges.sendJson(exchange, 200, render(user));
  }

  void get(HttpExchange exchange, String id) throws IOException {
    Optional<User> user;
    try {
      user = store.user(id);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "reading user " + id + " from " + store + " failed", e);
      throw new ApiException(500, "user '" + id + "': the interaction store could not be read;"
          + " the server log has the details");
    }
    if (user.isEmpty()) {
      throw ApiException.notFound("no user '" + id + "' was stored");
    }
    Exchanges.sendJson(exchange, 200, render(user.get()));
  }

  private static byte[] render(User user) {
    return Json.render(json -> {
      json.writeStartObject();
      json.writeStringField("id", user.id());
      json.writeArrayFieldStart("preferredCategories");
      for (String category : new java.util.TreeSet<>(user.preferredCategories())) {
        json.writeString(category);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("attributes");
      for (Map.Entry<String, String> attribute : new java.util.TreeMap<>(user.attributes()).entrySet()) {
        json.writeStringField(attribute.getKey(), attribute.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private static User parse(String id, byte[] body) {
    Set<String> categories = new LinkedHashSet<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    try (JsonParser parser = Json.parser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "preferredCategories" -> {
            if (value != JsonToken.START_ARRAY) {
              throw new IllegalArgumentException("preferredCategories must be an array of strings");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("preferredCategories must hold strings only");
              }
              categories.add(parser.getText());
            }
          }
          case "attributes" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new IllegalArgumentException("attributes must be an object of strings");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("attribute '" + name + "' must be a string");
              }
              attributes.put(name, parser.getText());
            }
          }
          default -> parser.skipChildren(); // unknown fields are ignored, for newer clients
        }
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON value");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return new User(id, categories, attributes);
  }
}
