package dev.visualsearch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How {@code search} writes its answers to standard output. */
enum ResultFormat {

  /**
   * For people: one block per query, one line per hit (rank, score, id, source); control
   * characters in names are shown as escapes.
   */
  TEXT {
    @Override
    void write(List<Answer> answers, VisualSearch search, PrintWriter out, PrintWriter err) {
      for (Answer answer : answers) {
        out.println("query " + Printable.escape(answer.query().toString()));
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
        json.writeStringField("query", answer.query().toString());
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
   * A TREC run file, {@code qid Q0 docid rank score tag}, for {@code trec_eval} and the like. The
   * query id is the query's file name; whitespace, which the format cannot hold, becomes '_'.
   */
  TREC {
    @Override
    void write(List<Answer> answers, VisualSearch search, PrintWriter out, PrintWriter err) {
      Set<String> reported = new HashSet<>();
      for (Answer answer : answers) {
        String qid = token(answer.query().getFileName().toString(), "query", err, reported);
        int rank = 1;
        for (Hit hit : answer.result().hits()) {
          out.printf(
              Locale.ROOT,
              "%s Q0 %s %d %.6f visualsearch%n",
              qid,
              token(hit.id(), "id", err, reported),
              rank++,
              hit.score());
        }
      }
    }
  };

  private static final Pattern WHITESPACE = Pattern.compile("\\s");

  /** One query and its result. */
  record Answer(Path query, SearchResult result) {}

  abstract void write(List<Answer> answers, VisualSearch search, PrintWriter out, PrintWriter err)
      throws IOException;

  /** {@code value} with whitespace replaced by '_', noted once per value on stderr. */
  private static String token(String value, String what, PrintWriter err, Set<String> reported) {
    if (!WHITESPACE.matcher(value).find()) {
      return value;
    }
    String replaced = WHITESPACE.matcher(value).replaceAll("_");
    if (reported.add(value)) {
      err.println(
          "note: " + what + " '" + Printable.escape(value) + "' holds whitespace; written as '"
              + replaced + "'");
    }
    return replaced;
  }
}
