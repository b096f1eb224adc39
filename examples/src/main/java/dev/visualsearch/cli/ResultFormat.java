package dev.visualsearch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.TrecIds;
import dev.visualsearch.eval.TrecRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How {@code search} and {@code similar} write their answers to standard output. */
enum ResultFormat {

  /**
   * For people: one block per query, one line per hit (rank, score, id, source); control
   * characters in names are shown as escapes.
   */
  TEXT {
    @Override
    void write(List<Answer> answers, VisualSearch search, PrintWriter out, PrintWriter err) {
      for (Answer answer : answers) {
        out.println("query " + Printable.escape(answer.query()));
        int rank = 1;
        for (Hit hit : answer.result().hits()) {
          String source = search.entry(hit.id()).flatMap(e -> e.source()).orElse("");
          out.printf(
              Locale.ROOT,
              "%4d  %.4f  %s  %s%n",
              rank++,
              hit.score(),
              Printable.escape(hit.id()),
              Printable.escape(source));
        }
      }
    }
  },

  /** For programs: {@code {"results":[{"query":…,"hits":[{"rank","id","score","source"}]}]}}. */
  JSON {
    @Override
    void write(List<Answer> answers, VisualSearch search, PrintWriter out, PrintWriter err)
        throws IOException {
      JsonGenerator json = new JsonFactory().createGenerator(out);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("metric", search.metric().name().toLowerCase(Locale.ROOT));
      json.writeArrayFieldStart("results");
      for (Answer answer : answers) {
        json.writeStartObject();
        json.writeStringField("query", answer.query());
        json.writeArrayFieldStart("hits");
        int rank = 1;
        for (Hit hit : answer.result().hits()) {
          json.writeStartObject();
          json.writeNumberField("rank", rank++);
          json.writeStringField("id", hit.id());
          json.writeNumberField("score", hit.score());
          String source = search.entry(hit.id()).flatMap(e -> e.source()).orElse(null);
          if (source != null) {
            json.writeStringField("source", source);
          }
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.flush();
      out.println();
    }
  },

  /**
   * A TREC run file, {@code qid Q0 docid rank score tag}, for {@code trec_eval} and the like,
   * written by the eval module's {@link TrecRun} (scores exact, so trec_eval, which orders by
   * score, sees the same order). The query id is the query's file name. Whitespace, which the
   * format cannot hold, and '%' are percent-encoded ({@link TrecIds}): "birds\r/robin.png" is
   * written "birds%0D/robin.png"; each such id is noted once on stderr.
   */
  TREC {
    @Override
    void write(List<Answer> answers, VisualSearch search, PrintWriter out, PrintWriter err)
        throws IOException {
      Set<String> reported = new HashSet<>();
      for (Answer answer : answers) {
        String qid = answer.queryId();
        note(qid, "query", err, reported);
        answer.result().hits().forEach(hit -> note(hit.id(), "id", err, reported));
        TrecRun.write(qid, answer.result().hits(), "visualsearch", out);
      }
      out.flush();
    }
  };

  /**
   * One query and its result.
   *
   * @param query what was asked, for people: an image path, or an item id
   * @param queryId the query's id in a TREC run: the image's file name, or the item id
   */
  record Answer(String query, String queryId, SearchResult result) {}

  abstract void write(List<Answer> answers, VisualSearch search, PrintWriter out, PrintWriter err)
      throws IOException;

  /** Notes once per value on stderr that {@code value} is written encoded. */
  private static void note(String value, String what, PrintWriter err, Set<String> reported) {
    if (TrecIds.needsEncoding(value) && reported.add(value)) {
      err.println(
          "note: " + what + " '" + Printable.escape(value) + "' holds whitespace or '%'; written as '"
              + TrecIds.encode(value) + "'");
    }
  }
}
