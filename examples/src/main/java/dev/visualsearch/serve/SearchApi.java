package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import dev.visualsearch.organize.DuplicateGroup;
import dev.visualsearch.organize.DuplicateOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The search endpoints: by uploaded image, by indexed thumbnail, "more like this", duplicates.
 * Thread-safe: the collection is only read while the server runs.
 */
final class SearchApi {

  static final int DEFAULT_K = 12;
  static final int MAX_K = 100;

  private final VisualSearch search;
  private final ScaledImageDecoder decoder;
  private final int queryMinShortSide;
  private final long maxUploadBytes;
  private final Object duplicatesLock = new Object();
  private volatile Map<String, DuplicateGroup> groupsById;

  SearchApi(VisualSearch search, ScaledImageDecoder decoder, int queryMinShortSide,
      long maxUploadBytes) {
    this.search = search;
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
    SearchResult result = search.search(picture, k);
    sendResults(exchange, "upload", image.filename(), k, result, started);
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
    sendResults(exchange, "thumbnail", id, k, search.search(vector, k), started);
  }

  /** GET /api/similar/{id}: "more like this", without the item and its copies. */
  void similar(HttpExchange exchange, String id) throws IOException {
    int k = k(Exchanges.query(exchange).get("k"));
    requireItem(id);
    long started = System.nanoTime();
    sendResults(exchange, "similar", id, k, search.similar(id, k), started);
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

  private void sendResults(HttpExchange exchange, String by, String query, int k,
      SearchResult result, long started) throws IOException {
    long tookMicros = (System.nanoTime() - started) / 1000;
    List<Hit> hits = result.hits();
    byte[] body = Json.render(json -> {
      json.writeStartObject();
      json.writeObjectFieldStart("query");
      json.writeStringField("by", by);
      if (query != null) {
        json.writeStringField(by.equals("upload") ? "filename" : "id", query);
      }
      json.writeNumberField("k", k);
      json.writeEndObject();
      json.writeNumberField("tookMs", tookMicros / 1000.0);
      ItemJson.writeHits(json, search, hits);
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
