package dev.visualsearch.eval.report;

import dev.visualsearch.eval.harness.Benchmark;
import dev.visualsearch.eval.harness.ConfigurationResult;
import dev.visualsearch.eval.harness.EvaluationReport;
import java.util.List;
import java.util.Locale;

/**
 * The summary as Markdown: one table row per benchmark and configuration with the mean of every
 * measure, the overlap of approximate indexes with the exact one, and search latency; then what
 * each benchmark is and what was left out. Stateless and thread-safe.
 */
public final class MarkdownReport {

  private MarkdownReport() {}

  /** The report as Markdown text. */
  public static String of(EvaluationReport report) {
    StringBuilder md = new StringBuilder();
    List<String> headers = Columns.headers(report);
    row(md, headers);
    md.append('|');
    for (int i = 0; i < headers.size(); i++) {
      md.append(i < 2 ? "---|" : "---:|");
    }
    md.append('\n');
    for (ConfigurationResult result : report.results()) {
      row(md, Columns.cells(report, result));
    }
    md.append('\n').append(String.format(Locale.ROOT,
        "Means over the queries with at least one relevant item; each query retrieved its top %d"
            + " (MRR and mAP are computed over them). trec_eval names: ", report.depth()));
    md.append(String.join(", ", report.measures().stream().map(m -> m.label() + " = " + m.trecName()).toList()));
    md.append(String.format(Locale.ROOT,
        ". \"vs exact@%d\": share of the exact index's top %d that an approximate index also returns."
            + " Latency: one query at a time, index search only.%n%n", report.overlapK(), report.overlapK()));
    for (Benchmark benchmark : report.benchmarks()) {
      md.append("- **").append(cell(benchmark.name())).append("**: ").append(cell(benchmark.description()))
          .append(String.format(Locale.ROOT, " (%d items, %d queries).", benchmark.items().size(), benchmark.judgedQueries()));
      for (String note : benchmark.notes()) {
        md.append(" ").append(cell(note)).append('.');
      }
      md.append('\n');
    }
    for (ConfigurationResult result : report.results()) {
      if (!result.unreadable().isEmpty()) {
        md.append(String.format(Locale.ROOT, "- %s, %s: %d unreadable images left out (reasons in report.json).%n",
            cell(result.benchmark()), cell(result.configuration().name()), result.unreadable().size()));
      }
    }
    return md.toString();
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell(cell)).append(" |");
    }
    md.append('\n');
  }

  /**
   * Text safe in Markdown: '<' and '&' as entities (no HTML gets through a renderer), pipes
   * escaped (no cell breaks), control characters shown as escapes.
   */
  static String cell(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '|' -> out.append("\\|");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.toString();
  }
}
