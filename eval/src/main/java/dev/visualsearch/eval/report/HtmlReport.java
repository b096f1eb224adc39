package dev.visualsearch.eval.report;

import dev.visualsearch.Hit;
import dev.visualsearch.eval.Measure;
import dev.visualsearch.eval.harness.Benchmark;
import dev.visualsearch.eval.harness.ConfigurationResult;
import dev.visualsearch.eval.harness.EvaluationReport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Self-contained HTML pages, no scripts, every picture inside the page: the summary table, and
 * for one configuration on one benchmark a row per query with the query's thumbnail beside its top
 * k results — relevant results framed in green and marked ✓, the others grey — and how many
 * relevant items the top k missed: the picture the reference notebook drew with matplotlib. Each
 * distinct thumbnail is embedded once (a small JPEG as a {@code data:} URI in a CSS class), and
 * every id, path and note is HTML-escaped.
 *
 * <p>Not thread-safe (it caches thumbnails); use one instance per thread.
 */
public final class HtmlReport {

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
          + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}"
          + "td.n{text-align:right;font-variant-numeric:tabular-nums}"
          + ".row{display:flex;align-items:flex-start;gap:6px;padding:8px 0;border-bottom:1px solid #ddd}"
          + ".cell{width:104px;font-size:11px;text-align:center;overflow-wrap:anywhere}"
          + ".t{width:96px;height:96px;margin:auto;border:4px solid #bbb;background:#f4f4f4 center/contain no-repeat}"
          + ".q .t{border-color:#0550ae}.rel .t{border-color:#1a7f37}.rel{color:#1a7f37;font-weight:600}"
          + ".info{width:150px;font-size:12px}";

  private final Thumbnails thumbnails;
  private final int k;

  /**
   * @param k how many results to show per query
   * @param thumbnailSize the longer side of a thumbnail, in pixels
   * @throws IllegalArgumentException if {@code k < 1} or the size is not in 16..512
   */
  public HtmlReport(int k, int thumbnailSize) {
    if (k < 1) {
      throw new IllegalArgumentException("results per query must be at least 1: " + k);
    }
    if (thumbnailSize < 16 || thumbnailSize > 512) {
      throw new IllegalArgumentException("thumbnail size must be in 16..512: " + thumbnailSize);
    }
    this.k = k;
    this.thumbnails = new Thumbnails(thumbnailSize);
  }

  /** The summary page: the table of means, linking each row to its page named by {@code pageNames}. */
  public String index(EvaluationReport report, Map<ConfigurationResult, String> pageNames) {
    StringBuilder html = start("visualsearch evaluation");
    html.append("<h1>visualsearch evaluation</h1>\n<table><tr>");
    for (String header : Columns.headers(report)) {
      html.append("<th>").append(Html.escape(header)).append("</th>");
    }
    html.append("</tr>\n");
    for (ConfigurationResult result : report.results()) {
      html.append("<tr>");
      List<String> cells = Columns.cells(report, result);
      for (int i = 0; i < cells.size(); i++) {
        String cell = Html.escape(cells.get(i));
        if (i == 1 && pageNames.containsKey(result)) {
          cell = "<a href=\"" + Html.escape(pageNames.get(result)) + "\">" + cell + "</a>";
        }
        html.append(i < 2 ? "<td>" : "<td class=\"n\">").append(cell).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n<ul>\n");
    for (Benchmark benchmark : report.benchmarks()) {
      html.append("<li><b>").append(Html.escape(benchmark.name())).append("</b>: ")
          .append(Html.escape(benchmark.description()));
      benchmark.notes().forEach(note -> html.append("; ").append(Html.escape(note)));
      html.append("</li>\n");
    }
    return html.append("</ul>\n</body></html>\n").toString();
  }

  /** The page of one configuration on one benchmark. */
  public String page(EvaluationReport report, ConfigurationResult result) {
    Benchmark benchmark = report.benchmark(result.benchmark()).orElseThrow(
        () -> new IllegalArgumentException("the report has no benchmark " + result.benchmark()));
    Map<String, Path> itemFiles = new HashMap<>();
    benchmark.items().forEach(item -> itemFiles.put(item.id(), item.file()));
    Map<Path, String> classes = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.escape(result.benchmark())).append(" — ")
        .append(Html.escape(result.configuration().name())).append("</h1>\n<p>")
        .append(Html.escape(benchmark.description())).append("</p>\n<table><tr>");
    for (Measure m : report.measures()) {
      body.append("<th>").append(Html.escape(m.label())).append("</th>");
    }
    body.append("</tr><tr>");
    for (Measure m : report.measures()) {
      body.append(String.format(Locale.ROOT, "<td class=\"n\">%.4f</td>", result.evaluation().mean(m)));
    }
    body.append("</tr></table>\n<p>Each row: the query (blue), then its top ").append(k)
        .append(" results; relevant ones framed green and marked ✓.</p>\n");
    for (Benchmark.Query query : benchmark.queries()) {
      if (!result.evaluation().queries().contains(query.id())) {
        continue;
      }
      body.append("<div class=\"row\"><div class=\"cell q\">")
          .append(thumb(query.file(), query.id(), classes)).append("query<br>")
          .append(Html.escape(query.id())).append("</div>\n");
      List<Hit> hits = result.run().hits(query.id());
      Map<String, Integer> judgements = benchmark.qrels().judgements(query.id());
      int shown = Math.min(k, hits.size());
      int found = 0;
      for (int rank = 0; rank < shown; rank++) {
        Hit hit = hits.get(rank);
        boolean relevant = judgements.getOrDefault(hit.id(), 0) > 0;
        found += relevant ? 1 : 0;
        body.append("<div class=\"cell").append(relevant ? " rel" : "").append("\">")
            .append(thumb(itemFiles.get(hit.id()), hit.id(), classes))
            .append(String.format(Locale.ROOT, "%s%d · %.4f<br>", relevant ? "✓ " : "", rank + 1, hit.score()))
            .append(Html.escape(hit.id())).append("</div>\n");
      }
      int relevantTotal = benchmark.qrels().relevantCount(query.id());
      body.append(String.format(Locale.ROOT,
          "<div class=\"info\">AP %.3f<br>RR %.3f<br>%d of %d relevant in the top %d</div></div>\n",
          result.evaluation().value(query.id(), Measure.map()),
          result.evaluation().value(query.id(), Measure.mrr()),
          found, relevantTotal, k));
    }
    StringBuilder html = start(result.benchmark() + " — " + result.configuration().name());
    // The style element holds the pictures, once each; the rows refer to them by class.
    int head = html.indexOf("</style>");
    StringBuilder pictures = new StringBuilder();
    classes.forEach((file, cls) -> thumbnails.dataUri(file).ifPresent(
        uri -> pictures.append('.').append(cls).append("{background-image:url(").append(uri).append(")}\n")));
    html.insert(head, pictures);
    return html.append(body).append("</body></html>\n").toString();
  }

  private String thumb(Path file, String id, Map<Path, String> classes) {
    String cls = file == null ? "missing" : classes.computeIfAbsent(file, f -> "i" + classes.size());
    String label = Html.escape(id);
    return "<div class=\"t " + cls + "\" role=\"img\" aria-label=\"" + label + "\" title=\"" + label + "\"></div>";
  }

  private static StringBuilder start(String title) {
    return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title)).append("</title>\n<style>").append(STYLE).append("\n</style></head><body>\n");
  }
}
