package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import dev.visualsearch.organize.DuplicateGroup;
import dev.visualsearch.organize.DuplicateOptions;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.LoggedSearch;
import dev.visualsearch.personalize.PersonalizedSearch;
import dev.visualsearch.personalize.RankedHit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The search endpoints: by uploaded image, by indexed thumbnail, "more like this", duplicates.
 * Searches for a known user ({@code ?user=} or the page's cookie) are re-ranked by {@link
 * PersonalizedSearch} unless its weights are visual only; each hit then also gives the parts of
 * its score. Every answer has a new {@code queryId}; a search for a known user is logged in the
 * store under it ({@link InteractionStore#logSearch}), so its interactions can be replayed. Thread-safe: the collection is only read while the server runs.
 */
final class SearchApi {

  static final int DEFAULT_K = 12;
  static final int MAX_K = 100;

  /** The cookie the page keeps its user id in. */
  static final String USER_COOKIE = "vs_user";

  private static final System.Logger LOG = System.getLogger(SearchApi.class.getName());

  private final VisualSearch search;
  private final PersonalizedSearch personalized;
  private final InteractionStore store;
  private final Clock clock;
  private final ScaledImageDecoder decoder;
  private final int queryMinShortSide;
  private final long maxUploadBytes;
  private final Object duplicatesLock = new Object();
  private volatile Map<String, DuplicateGroup> groupsById;

  SearchApi(VisualSearch search, PersonalizedSearch personalized, InteractionStore store,
      Clock clock, ScaledImageDecoder decoder, int queryMinShortSide, long maxUploadBytes) {
    this.search = search;
    this.personalized = personalized;
    this.store = store;
    this.clock = clock;
    this.decoder = decoder;
    this.queryMinShortSide = queryMinShortSide;
    this.maxUploadBytes = maxUploadBytes;
  }

  /** POST /api/search: multipart upload, field {@code image}; {@code k} as a query or form field. */
  void searchUpload(HttpExchange exchange, String unused) throws IOException {
    byte[] body = Exchanges.readBody(exchange, maxUploadBytes, "the upload");
    Map<String, Multipart.Part> parts =
        Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
    Multipart.Part image = parts.get("image");
    if (image == null) {
      throw ApiException.badRequest("the upload has no field named 'image' (fields sent: "
          + (parts.isEmpty() ? "none" : String.join(", ", parts.keySet())) + ")");
    }
    Multipart.Part kField = parts.get("k");
    int k = k(kField != null ? kField.text() : Exchanges.query(exchange).get("k"));
    String name = "upload '" + (image.filename() == null || image.filename().isEmpty()
        ? "image" : image.filename()) + "'";
    // Decoded by content: the file name and the part's declared type are never consulted.
    BufferedImage picture = decoder.load(image.content(), name, queryMinShortSide).image();
    long started = System.nanoTime();
    String user = user(exchange);
    if (personalizing(user)) {
      sendRanked(exchange, user, "upload", image.filename(), k,
          personalized.search(picture, k, user), started);
    } else {
      sendResults(exchange, user, "upload", image.filename(), k, search.search(picture, k), started);
    }
  }

  /** GET /api/search?thumbnail=URL: search with the vector of the item the thumbnail shows. */
  void searchByThumbnail(HttpExchange exchange, String unused) throws IOException {
    Map<String, String> query = Exchanges.query(exchange);
    String url = query.get("thumbnail");
    if (url == null || url.isEmpty()) {
      throw ApiException.badRequest("GET /api/search needs ?thumbnail=<the URL of an indexed"
          + " item's thumbnail>; to search by an image, POST it as multipart/form-data");
    }
    int k = k(query.get("k"));
    String id = idOfThumbnail(url);
    float[] vector = search.vector(id).orElseThrow(() -> unknown(id));
    long started = System.nanoTime();
    String user = user(exchange);
    if (personalizing(user)) {
      sendRanked(exchange, user, "thumbnail", id, k, personalized.search(vector, k, user), started);
    } else {
      sendResults(exchange, user, "thumbnail", id, k, search.search(vector, k), started);
    }
  }

  /** GET /api/similar/{id}: "more like this", without the item and its copies. */
  void similar(HttpExchange exchange, String id) throws IOException {
    int k = k(Exchanges.query(exchange).get("k"));
    requireItem(id);
    long started = System.nanoTime();
    String user = user(exchange);
    if (personalizing(user)) {
      sendRanked(exchange, user, "similar", id, k, personalized.similar(id, k, user), started);
    } else {
      sendResults(exchange, user, "similar", id, k, search.similar(id, k), started);
    }
  }

  /** GET /api/duplicates/{id}: the other members of the item's group of copies. */
  void duplicates(HttpExchange exchange, String id) throws IOException {
    requireItem(id);
    DuplicateGroup group = groups().get(id);
    float[] vector = search.vector(id).orElseThrow(() -> unknown(id));
    byte[] body = Json.render(json -> {
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeStringField("keep", group == null ? id : group.keep());
      json.writeBooleanField("exact", group != null && group.exact());
      json.writeArrayFieldStart("duplicates");
      if (group != null) {
        for (String other : group.ids()) {
          if (other.equals(id)) {
            continue;
          }
          json.writeStartObject();
          ItemJson.writeItemFields(json, search, other);
          float[] otherVector = search.vector(other).orElse(null);
          if (otherVector != null) {
            json.writeNumberField("score", search.metric().score(vector, otherVector));
          }
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    });
    Exchanges.sendJson(exchange, 200, body);
  }

  /**
   * The copy groups by member id, found once on first use: the collection does not change while
   * the server runs, and finding them searches the index once per item.
   */
  private Map<String, DuplicateGroup> groups() {
    Map<String, DuplicateGroup> groups = groupsById;
    if (groups == null) {
      synchronized (duplicatesLock) {
        groups = groupsById;
        if (groups == null) {
          groups = new HashMap<>();
          for (DuplicateGroup group : search.duplicates(DuplicateOptions.defaults())) {
            for (String member : group.ids()) {
              groups.put(member, group);
            }
          }
          groupsById = groups;
        }
      }
    }
    return groups;
  }

  /**
   * The user a search is for: {@code ?user=}, else the page's {@value #USER_COOKIE} cookie; null
   * when neither is sent.
   */
  static String user(HttpExchange exchange) {
    String user = Exchanges.query(exchange).get("user");
    if (user == null || user.isEmpty()) {
      user = Exchanges.cookie(exchange, USER_COOKIE);
    }
    if (user != null && (user.isEmpty() || user.length() > Interaction.MAX_ID_LENGTH)) {
      throw ApiException.badRequest("user must be 1 to " + Interaction.MAX_ID_LENGTH
          + " characters long, not " + user.length());
    }
    return user;
  }

  private boolean personalizing(String user) {
    return user != null && !personalized.weights().visualOnly();
  }

  private void sendResults(HttpExchange exchange, String user, String by, String query, int k,
      SearchResult result, long started) throws IOException {
    send(exchange, user, by, query, k, false, started,
        json -> ItemJson.writeHits(json, search, result.hits()));
  }

  private void sendRanked(HttpExchange exchange, String user, String by, String query, int k,
      List<RankedHit> ranked, long started) throws IOException {
    send(exchange, user, by, query, k, true, started,
        json -> ItemJson.writeRanked(json, search, ranked));
  }

  /**
   * Logs a search for a known user, so that the interactions with its results can be replayed
   * with it later. A failure to log is reported in the server log, not to the user: the search
   * itself succeeded.
   */
  private void logSearch(String queryId, String user, String by, String query) {
    if (user == null) {
      return;
    }
    String image = by.equals("upload") ? null : query;
    try {
      store.logSearch(new LoggedSearch(queryId, user, clock.instant(), image));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not log search " + queryId + " in " + store, e);
    }
  }

  /**
   * The answer to a search. Its {@code queryId} is new for every answer: the page sends it back
   * with the interactions on these results, which groups them for the offline evaluation.
   */
  private void send(HttpExchange exchange, String user, String by, String query, int k,
      boolean personal, long started, Json.Writer results) throws IOException {
    long tookMicros = (System.nanoTime() - started) / 1000;
    String queryId = UUID.randomUUID().toString();
    logSearch(queryId, user, by, query);
    byte[] body = Json.render(json -> {
      json.writeStartObject();
      json.writeObjectFieldStart("query");
      json.writeStringField("by", by);
      if (query != null) {
        json.writeStringField(by.equals("upload") ? "filename" : "id", query);
      }
      json.writeNumberField("k", k);
      json.writeEndObject();
      json.writeStringField("queryId", queryId);
      json.writeBooleanField("personalized", personal);
      json.writeNumberField("tookMs", tookMicros / 1000.0);
      results.write(json);
      json.writeEndObject();
    });
    Exchanges.sendJson(exchange, 200, body);
  }

  /** The item id in the URL of a thumbnail this server serves. */
  private String idOfThumbnail(String url) {
    String path;
    try {
      path = new URI(url).getRawPath();
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("thumbnail is not a URL: '" + url + "'");
    }
    Route thumbnails = new Route("GET", "/thumbs/{id}.jpg", false, null);
    String id = path == null ? null : thumbnails.match(path);
    if (id == null) {
      throw ApiException.badRequest("thumbnail '" + url + "' is not the URL of an indexed item's"
          + " thumbnail (/thumbs/<id>.jpg)");
    }
    return id;
  }

  private void requireItem(String id) {
    if (!search.contains(id)) {
      throw unknown(id);
    }
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound("no indexed item with the id '" + id + "'");
  }

  /** {@code k}: {@link #DEFAULT_K} when absent, else 1 to {@link #MAX_K}. */
  static int k(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_K;
    }
    int k;
    try {
      k = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("k must be a whole number from 1 to " + MAX_K + ", not '"
          + value + "'");
    }
    if (k < 1 || k > MAX_K) {
      throw ApiException.badRequest("k must be from 1 to " + MAX_K + ": " + k);
    }
    return k;
  }
}
