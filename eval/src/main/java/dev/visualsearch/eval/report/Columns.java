package dev.visualsearch.eval.report;

import dev.visualsearch.eval.Measure;
import dev.visualsearch.eval.harness.ConfigurationResult;
import dev.visualsearch.eval.harness.EvaluationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The columns of the summary table, shared by the Markdown and HTML reports. */
final class Columns {

  private Columns() {}

  static List<String> headers(EvaluationReport report) {
    List<String> headers = new ArrayList<>(List.of("benchmark", "configuration", "queries"));
    report.measures().forEach(m -> headers.add(m.label()));
    headers.add("vs exact@" + report.overlapK());
    headers.add("search p50 ms");
    headers.add("search p99 ms");
    return headers;
  }

  static List<String> cells(EvaluationReport report, ConfigurationResult result) {
    List<String> cells = new ArrayList<>();
    cells.add(result.benchmark());
    cells.add(result.configuration().name());
    cells.add(Integer.toString(result.evaluation().queries().size()));
    for (Measure measure : report.measures()) {
      cells.add(String.format(Locale.ROOT, "%.4f", result.evaluation().mean(measure)));
    }
    cells.add(result.overlapWithExact().isPresent()
        ? String.format(Locale.ROOT, "%.4f", result.overlapWithExact().getAsDouble())
        : "–");
    cells.add(String.format(Locale.ROOT, "%.3f", result.timings().search().p50Millis()));
    cells.add(String.format(Locale.ROOT, "%.3f", result.timings().search().p99Millis()));
    return cells;
  }

  /** A file-name-safe form of a configuration name. */
  static String slug(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "configuration" : slug;
  }
}
