package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.visualsearch.VisualSearch;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** POST and GET /api/interactions: record what users do with results, and read it back. */
final class InteractionApi {

  /** An interaction is about 150 bytes of JSON; a page sends at most a screenful at once. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final int MAX_BATCH = 200;

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private static final System.Logger LOG = System.getLogger(InteractionApi.class.getName());

  private final VisualSearch search;
  private final InteractionLog log;
  private final Clock clock;

  InteractionApi(VisualSearch search, InteractionLog log, Clock clock) {
    this.search = search;
    this.log = log;
    this.clock = clock;
  }

  void record(HttpExchange exchange, String unused) throws IOException {
    byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES, "the interactions body");
    List<Interaction> batch;
    try {
      batch = InteractionJson.parse(body, clock::instant);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("interactions: " + e.getMessage());
    }
    if (batch.isEmpty() || batch.size() > MAX_BATCH) {
      throw ApiException.badRequest("interactions: send 1 to " + MAX_BATCH + " per request, not "
          + batch.size());
    }
    for (Interaction interaction : batch) {
      if (!search.contains(interaction.image())) {
        throw ApiException.badRequest("interactions: image '" + interaction.image()
            + "' is not an indexed item; nothing was recorded");
      }
    }
    try {
      log.append(batch);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "appending " + batch.size() + " interactions to " + log + " failed", e);
      throw new ApiException(500, "interactions: the interaction log could not be written, so"
          + " they may not have been recorded; the server log has the details");
    }
    Exchanges.sendJson(exchange, 201, Json.render(json -> {
      json.writeStartObject();
      json.writeNumberField("recorded", batch.size());
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
      interactions = log.forUser(user, limit);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "reading " + log + " failed", e);
      throw new ApiException(500, "interactions: the interaction log could not be read; the"
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
