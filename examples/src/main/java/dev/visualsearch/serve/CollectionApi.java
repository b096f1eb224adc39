package dev.visualsearch.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.visualsearch.CollectionInfo;
import dev.visualsearch.VisualSearch;
import java.io.IOException;
import java.util.Locale;

/** GET /api/health and /api/info: is the server up, and what does it search. */
final class CollectionApi {

  private final VisualSearch search;
  private final CollectionInfo info; // null: the collection was not opened from a directory

  CollectionApi(VisualSearch search, CollectionInfo info) {
    this.search = search;
    this.info = info;
  }

  void health(HttpExchange exchange, String unused) throws IOException {
    Exchanges.sendJson(exchange, 200, Json.render(json -> {
      json.writeStartObject();
      json.writeStringField("status", "ok");
      json.writeNumberField("size", search.size());
      json.writeEndObject();
    }));
  }

  void info(HttpExchange exchange, String unused) throws IOException {
    Exchanges.sendJson(exchange, 200, Json.render(json -> {
      json.writeStartObject();
      json.writeNumberField("size", search.size());
      json.writeNumberField("dimension", search.embedder().dimension());
      json.writeStringField("metric", search.metric().name().toLowerCase(Locale.ROOT));
      json.writeStringField("modelFingerprint", search.embedder().fingerprint());
      json.writeStringField("indexKind", info == null ? "unknown" : info.indexKind());
      if (info != null) {
        json.writeStringField("imageLoader", info.imageLoader());
        json.writeStringField("saved", info.saved().toString());
      }
      json.writeEndObject();
    }));
  }
}
