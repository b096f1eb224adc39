package dev.visualsearch.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.Metric;
import dev.visualsearch.eval.Evaluation;
import dev.visualsearch.eval.Measure;
import dev.visualsearch.eval.TrecQrels;
import dev.visualsearch.eval.TrecRun;
import dev.visualsearch.eval.harness.Benchmark;
import dev.visualsearch.eval.harness.Configuration;
import dev.visualsearch.eval.harness.ConfigurationResult;
import dev.visualsearch.eval.harness.EmbedderChoice;
import dev.visualsearch.eval.harness.EvaluationReport;
import dev.visualsearch.eval.harness.Harness;
import dev.visualsearch.eval.harness.IndexChoice;
import dev.visualsearch.eval.harness.LabelsProtocol;
import dev.visualsearch.testing.ColourGridEmbedder;
import dev.visualsearch.testing.ReferenceIndex;
import dev.visualsearch.testing.SyntheticImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown, JSON, HTML and TREC files of a small evaluation whose ids need escaping. */
class ReportsTest {

  @TempDir Path dir;
  private EvaluationReport report;

  /** Two labels over images in folders with awkward names: a carriage return, HTML and a pipe. */
  @BeforeEach
  void evaluate() throws IOException {
    SplittableRandom random = new SplittableRandom(21);
    StringBuilder csv = new StringBuilder("path,label\r\n");
    String[] folders = {"birds\r", "<script>alert(1)<", "a|b & \"c\""};
    for (int f = 0; f < folders.length; f++) {
      Path folder = Files.createDirectories(dir.resolve("data").resolve(folders[f]));
      for (int i = 0; i < 3; i++) {
        Color base = new Color(80 * f, 200 - 60 * f, random.nextInt(256));
        SyntheticImages.writePng(SyntheticImages.quadrants(24, base, base, base.darker(), new Color(random.nextInt(256), 0, 0)),
            folder.resolve("p" + i + ".png"));
        csv.append('"').append(folders[f].replace("\"", "\"\"")).append("/p").append(i).append(".png\",label").append(f).append("\r\n");
      }
    }
    Path labels = dir.resolve("data/labels.csv");
    Files.writeString(labels, csv, StandardCharsets.UTF_8);
    Benchmark benchmark = new LabelsProtocol(labels).build("labels");
    report = Harness.builder()
        .configuration(new Configuration(
            new EmbedderChoice("grid <b>", ColourGridEmbedder::new),
            IndexChoice.exact("reference", ReferenceIndex.factory(), Metric.COSINE)))
        .build()
        .run(List.of(benchmark));
  }

  @Test
  void theMarkdownTableHasOneRowPerResultAndEscapesCells() {
    String md = MarkdownReport.of(report);
    List<String> lines = md.lines().toList();
    assertThat(lines.get(0)).startsWith("| benchmark | configuration | queries | MRR | mAP | nDCG@10 | R@1 |")
        .endsWith("| vs exact@10 | search p50 ms | search p99 ms |");
    assertThat(lines.get(2)).startsWith("| labels | grid &lt;b> + reference | 9 | ");
    assertThat(md).contains("MRR = recip_rank").contains("nDCG@10 = ndcg_cut_10").doesNotContain("\r");
    assertThat(MarkdownReport.cell("a|b\r<x>&")).isEqualTo("a\\|b\\r&lt;x>&amp;");
  }

  @Test
  void theJsonHoldsTheMeansAndEscapesStrings() {
    String json = JsonReport.of(report);
    double mrr = report.results().get(0).evaluation().mean(Measure.mrr());
    assertThat(json).contains("\"configuration\": \"grid <b> + reference\"")
        .contains("\"MRR\": " + Json.number(mrr))
        .contains("\"queries\": 9")
        .doesNotContain("\r");
    assertThat(Json.string("a\"b\\c\r\u0001")).isEqualTo("\"a\\\"b\\\\c\\r\\u0001\"");
    assertThat(Json.number(0.578333333)).isEqualTo("0.578333");
    assertThat(Json.number(1.0)).isEqualTo("1");
    assertThat(Json.number(Double.NaN)).isEqualTo("null");
  }

  @Test
  void theHtmlPageIsSelfContainedAndEscapesEveryName() {
    ConfigurationResult result = report.results().get(0);
    String page = new HtmlReport(5, 48).page(report, result);
    assertThat(page).doesNotContain("<script").doesNotContain("\r").doesNotContain("a|b & \"c\"")
        .contains("&lt;script&gt;alert(1)&lt;/p0.png")
        .contains("birds\\r/p0.png")
        .contains("a|b &amp; &quot;c&quot;/p1.png")
        .doesNotContain("src=\"http").doesNotContain("href=\"http");
    // Nine distinct images, each embedded once as a JPEG data URI in the style sheet.
    Matcher uris = Pattern.compile("\\.i\\d+\\{background-image:url\\(data:image/jpeg;base64,[A-Za-z0-9+/=]+\\)\\}").matcher(page);
    int count = 0;
    while (uris.find()) {
      count++;
    }
    assertThat(count).isEqualTo(9);
    assertThat(page.split("<div class=\"row\">", -1)).hasSize(9 + 1);
    assertThat(page).contains("✓ ");
  }

  @Test
  void theTrecFilesRecomputeTheSameMeans() throws IOException {
    List<Path> files = ReportFiles.write(report, dir.resolve("out"), 5);
    assertThat(files).extracting(p -> p.getFileName().toString())
        .contains("report.md", "report.json", "index.html", "labels.qrels",
            "labels--grid-b-reference.run", "labels--grid-b-reference.html");
    ConfigurationResult result = report.results().get(0);
    Evaluation again = Evaluation.of(
        TrecRun.read(dir.resolve("out/labels--grid-b-reference.run")),
        TrecQrels.read(dir.resolve("out/labels.qrels")),
        report.measures());
    for (Measure measure : report.measures()) {
      assertThat(again.mean(measure)).as(measure.label()).isCloseTo(result.evaluation().mean(measure), within(1e-12));
    }
    assertThat(Files.readString(dir.resolve("out/index.html"))).contains("href=\"labels--grid-b-reference.html\"");
  }
}
