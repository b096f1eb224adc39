package dev.visualsearch.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.visualsearch.CatalogEntry;
import dev.visualsearch.Hit;
import dev.visualsearch.SourceFile;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.personalize.RankedHit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How an indexed item and a result list look in the API's JSON. */
final class ItemJson {

  private ItemJson() {}

  /** The URL path of item {@code id}'s thumbnail. */
  static String thumbnailUrl(String id) {
    return "/thumbs/" + Exchanges.encodePathSegment(id) + ".jpg";
  }

  /** {@code "results": [{id, score, thumbnail, metadata}, ...]}. */
  static void writeHits(JsonGenerator json, VisualSearch search, List<Hit> hits)
      throws IOException {
    json.writeArrayFieldStart("results");
    for (Hit hit : hits) {
      json.writeStartObject();
      writeItemFields(json, search, hit.id());
      json.writeNumberField("score", hit.score());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /**
   * {@code results}: re-ranked hits, each with its blended {@code score} and the parts it is made
   * of ({@code visual}, {@code taste}, {@code engagement}).
   */
  static void writeRanked(JsonGenerator json, VisualSearch search, List<RankedHit> hits)
      throws IOException {
    json.writeArrayFieldStart("results");
    for (RankedHit hit : hits) {
      json.writeStartObject();
      writeItemFields(json, search, hit.id());
      json.writeNumberField("score", hit.score());
      json.writeNumberField("visual", hit.visual());
      json.writeNumberField("taste", hit.taste());
      json.writeNumberField("engagement", hit.engagement());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /**
   * {@code id}, {@code thumbnail} and {@code metadata}: the source path, the width and height of
   * the source image when the catalogue recorded them, and the caller's metadata.
   */
  static void writeItemFields(JsonGenerator json, VisualSearch search, String id)
      throws IOException {
    json.writeStringField("id", id);
    json.writeStringField("thumbnail", thumbnailUrl(id));
    json.writeObjectFieldStart("metadata");
    Optional<CatalogEntry> entry = search.entry(id);
    if (entry.isPresent()) {
      if (entry.get().source().isPresent()) {
        json.writeStringField("path", entry.get().source().get());
      }
      SourceFile file = entry.get().sourceFile().orElse(null);
      // Older catalogues recorded no resolution (0 x 0): leave it out rather than show 0.
      if (file != null && file.width() > 0) {
        json.writeNumberField("width", file.width());
        json.writeNumberField("height", file.height());
      }
      for (Map.Entry<String, String> field : entry.get().metadata().entrySet()) {
        json.writeStringField(field.getKey(), field.getValue());
      }
    }
    json.writeEndObject();
  }
}
