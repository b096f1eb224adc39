package dev.visualsearch.eval.report;

import dev.visualsearch.eval.TrecQrels;
import dev.visualsearch.eval.TrecRun;
import dev.visualsearch.eval.harness.Benchmark;
import dev.visualsearch.eval.harness.ConfigurationResult;
import dev.visualsearch.eval.harness.EvaluationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a whole report into a directory: {@code report.md}, {@code report.json}, {@code
 * index.html}, and per benchmark {@code <benchmark>.qrels} (TREC qrels) and per configuration on
 * it {@code <benchmark>--<configuration>.run} (TREC run, tagged with the configuration) and
 * {@code .html} (the picture page). {@code trec_eval -c -m all_trec <benchmark>.qrels
 * <benchmark>--<configuration>.run} recomputes the table's numbers (see {@link
 * dev.visualsearch.eval.Evaluation} for where the two may differ). Stateless and thread-safe.
 */
public final class ReportFiles {

  private ReportFiles() {}

  /**
   * Writes the files (replacing files of the same names) and returns their paths.
   *
   * @param htmlK results per query on the picture pages
   * @throws IOException if the directory cannot be created or a file cannot be written
   */
  public static List<Path> write(EvaluationReport report, Path directory, int htmlK) throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    written.add(text(directory.resolve("report.md"), MarkdownReport.of(report)));
    written.add(text(directory.resolve("report.json"), JsonReport.of(report)));
    for (Benchmark benchmark : report.benchmarks()) {
      Path qrels = directory.resolve(benchmark.name() + ".qrels");
      TrecQrels.write(benchmark.qrels(), qrels);
      written.add(qrels);
    }
    HtmlReport html = new HtmlReport(htmlK, 96);
    Map<ConfigurationResult, String> pages = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (ConfigurationResult result : report.results()) {
      String base = result.benchmark() + "--" + Columns.slug(result.configuration().name());
      String name = base;
      for (int n = 2; !used.add(name); n++) {
        name = base + "-" + n;
      }
      Path run = directory.resolve(name + ".run");
      TrecRun.write(result.run(), Columns.slug(result.configuration().name()), run);
      written.add(run);
      written.add(text(directory.resolve(name + ".html"), html.page(report, result)));
      pages.put(result, name + ".html");
    }
    written.add(text(directory.resolve("index.html"), html.index(report, pages)));
    return written;
  }

  private static Path text(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
