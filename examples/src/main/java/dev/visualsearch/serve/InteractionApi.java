package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.personalize.AppendResult;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.PersonalizedSearch;
import dev.visualsearch.personalize.RawInteraction;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * POST and GET /api/interactions: record what users do with results, and read it back. A batch is
 * recorded event by event: bad events (an unknown type, a missing id, an image that is not
 * indexed) are listed back with their reason and the rest are stored.
 */
final class InteractionApi {

  /** An interaction is about 150 bytes of JSON; a page sends at most a screenful at once. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final int MAX_BATCH = 200;

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private static final System.Logger LOG = System.getLogger(InteractionApi.class.getName());

  private final VisualSearch search;
  private final InteractionStore store;
  private final PersonalizedSearch personalized;
  private final Clock clock;

  InteractionApi(VisualSearch search, InteractionStore store, PersonalizedSearch personalized,
      Clock clock) {
    this.search = search;
    this.store = store;
    this.personalized = personalized;
    this.clock = clock;
  }

  void record(HttpExchange exchange, String unused) throws IOException {
    byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES, "the interactions body");
    List<InteractionJson.Parsed> parsed;
    try {
      parsed = InteractionJson.parse(body, clock::instant);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("interactions: " + e.getMessage());
    }
    if (parsed.isEmpty() || parsed.size() > MAX_BATCH) {
      throw ApiException.badRequest("interactions: send 1 to " + MAX_BATCH + " per request, not "
          + parsed.size());
    }
    // What the JSON or the collection refuses is set aside here; the store checks the rest.
    List<String> reasons = new ArrayList<>();
    List<RawInteraction> candidates = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      InteractionJson.Parsed one = parsed.get(i);
      String reason = one.error();
      String image = one.event().image();
      if (reason == null && image != null && !image.isEmpty() && !search.contains(image)) {
        reason = "image '" + image + "' is not an indexed item";
      }
      reasons.add(reason);
      if (reason == null) {
        candidates.add(one.event());
        positions.add(i);
      }
    }
    AppendResult result;
    try {
      result = personalized.record(candidates);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "appending " + candidates.size() + " interactions to " + store
          + " failed", e);
      throw new ApiException(500, "interactions: the interaction store could not be written, so"
          + " they may not have been recorded; the server log has the details");
    }
    for (AppendResult.Rejection rejection : result.rejected()) {
      reasons.set(positions.get(rejection.index()), rejection.reason());
    }
    List<Integer> rejected = new ArrayList<>();
    for (int i = 0; i < reasons.size(); i++) {
      if (reasons.get(i) != null) {
        rejected.add(i);
      }
    }
    if (result.stored() == 0) {
      int first = rejected.get(0);
      throw ApiException.badRequest("interactions: nothing was recorded; "
          + (parsed.size() == 1 ? "" : "interaction " + (first + 1) + ": ") + reasons.get(first)
          + (rejected.size() > 1 ? " (and " + (rejected.size() - 1) + " more refused)" : ""));
    }
    Exchanges.sendJson(exchange, 201, Json.render(json -> {
      json.writeStartObject();
      json.writeNumberField("recorded", result.stored());
      json.writeArrayFieldStart("rejected");
      for (int index : rejected) {
        json.writeStartObject();
        json.writeNumberField("index", index);
        json.writeStringField("reason", reasons.get(index));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }));
  }

  void list(HttpExchange exchange, String unused) throws IOException {
    Map<String, String> query = Exchanges.query(exchange);
    String user = query.get("user");
    if (user == null || user.isEmpty()) {
      throw ApiException.badRequest("GET /api/interactions needs ?user=<user id>");
    }
    int limit = DEFAULT_LIMIT;
    String limitText = query.get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ApiException.badRequest("limit must be from 1 to " + MAX_LIMIT + ", not '"
            + limitText + "'");
      }
    }
    List<Interaction> interactions;
    try {
      interactions = store.forUser(user, limit);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "reading " + store + " failed", e);
      throw new ApiException(500, "interactions: the interaction store could not be read; the"
          + " server log has the details");
    }
    Exchanges.sendJson(exchange, 200, Json.render(json -> {
      json.writeStartObject();
      json.writeStringField("user", user);
      json.writeArrayFieldStart("interactions");
      for (Interaction interaction : interactions) {
        InteractionJson.write(json, interaction);
      }
      json.writeEndArray();
      json.writeEndObject();
    }));
  }
}
