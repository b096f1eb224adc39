package dev.visualsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.visualsearch.eval.Evaluation;
import dev.visualsearch.eval.Measure;
import dev.visualsearch.eval.TrecQrels;
import dev.visualsearch.eval.TrecRun;
import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} with the real model on a small subset of the shared data, all three protocols in
 * one run: 24 tuxpaint photos (links, folder names with their carriage returns, and a labels file
 * made from the real one's lines) for protocols 1 and 2, the real pairs among the shared photos
 * for protocol 3. The full run on all of {@code ../shared/data} is in the README.
 */
class EvalCommandTest {

  @TempDir static Path dir;

  private static Path out;
  private static CliRun run;

  @BeforeAll
  static void evaluateASubset() throws IOException {
    Path tuxpaint = SharedData.data("tuxpaint");
    Path subset = dir.resolve("tuxpaint");
    // Split at LF only: the paths hold a lone CR that must stay in them.
    List<String> lines = List.of(Files.readString(tuxpaint.resolve("labels.csv"), StandardCharsets.UTF_8).split("\n"));
    // Four photos from each of six categories, with their original labels file lines.
    StringBuilder labels = new StringBuilder(lines.get(0)).append('\n');
    Map<String, Integer> perCategory = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String path = line.substring(0, line.lastIndexOf(','));
      String category = line.substring(line.lastIndexOf(',') + 1).strip();
      if (!List.of("animals/birds", "food/fruit", "plants/flowers", "town/roadsigns", "household/tools", "clothes")
          .contains(category) || perCategory.merge(category, 1, Integer::sum) > 4) {
        continue;
      }
      Path link = subset.resolve(path);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, tuxpaint.resolve(path));
      labels.append(line).append('\n');
    }
    Files.writeString(subset.resolve("labels.csv"), labels, StandardCharsets.UTF_8);
    out = dir.resolve("report");
    run = CliRun.of(
        "eval",
        "--model", SharedData.model("mobilenetv2-12-int8").toString(),
        "--preprocessing", "default,squash",
        "--augmented", subset.toString(), "--augmented-queries", "6", "--copies", "2", "--seed", "7",
        "--labels", subset.resolve("labels.csv").toString(),
        "--groups", SharedData.data("pairs/groups.csv").toString(),
        "--distractors", SharedData.data("photos").toString(),
        "--out", out.toString());
  }

  @Test
  void printsOneRowPerProtocolAndConfiguration() {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> rows = run.out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| benchmark")).toList();
    assertThat(rows).hasSize(3 * 2);
    assertThat(rows.get(0)).startsWith("| augmented | mobilenetv2-12-int8/default + flat | 6 |");
    assertThat(rows.get(1)).startsWith("| augmented | mobilenetv2-12-int8/squash + flat | 6 |");
    assertThat(rows.get(2)).startsWith("| labels | mobilenetv2-12-int8/default + flat | 24 |");
    assertThat(rows.get(4)).startsWith("| groups | mobilenetv2-12-int8/default + flat | 22 |");
    assertThat(run.err()).contains("wrote ").contains("index.html");
  }

  @Test
  void writesTheReportsAndTrecFilesThatRecomputeTheTable() throws IOException {
    assertThat(out.resolve("report.md")).isRegularFile();
    assertThat(out.resolve("index.html")).isRegularFile();
    assertThat(Files.readString(out.resolve("groups--mobilenetv2-12-int8-default-flat.html")))
        .contains("data:image/jpeg;base64,").doesNotContain("<script");
    // 6 test images × 2 copies, written as PNG under the report.
    try (Stream<Path> copies = Files.walk(out.resolve("augmented"))) {
      assertThat(copies.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(12);
    }
    Map<String, Map<String, Double>> means = jsonMeans(out.resolve("report.json"));
    assertThat(means).hasSize(6);
    for (String benchmark : List.of("augmented", "labels", "groups")) {
      Evaluation fromFiles = Evaluation.of(
          TrecRun.read(out.resolve(benchmark + "--mobilenetv2-12-int8-default-flat.run")),
          TrecQrels.read(out.resolve(benchmark + ".qrels")),
          List.of(Measure.mrr(), Measure.ndcg(10), Measure.recall(5)));
      Map<String, Double> json = means.get(benchmark + " | mobilenetv2-12-int8/default + flat");
      assertThat(fromFiles.mean(Measure.mrr())).isCloseTo(json.get("MRR"), within(1e-5));
      assertThat(fromFiles.mean(Measure.recall(5))).isCloseTo(json.get("R@5"), within(1e-5));
    }
  }

  @Test
  void theRealModelFindsCopiesAndPartners() throws IOException {
    Map<String, Map<String, Double>> means = jsonMeans(out.resolve("report.json"));
    // Measured here: copies MRR 0.78 and HR@10 1.0; pairs HR@5 1.0; labels HR@5 0.96. int8
    // kernels differ a little between CPUs, so leave margins.
    assertThat(means.get("augmented | mobilenetv2-12-int8/default + flat").get("HR@10")).isGreaterThanOrEqualTo(0.8);
    assertThat(means.get("augmented | mobilenetv2-12-int8/default + flat").get("MRR")).isGreaterThan(0.5);
    assertThat(means.get("groups | mobilenetv2-12-int8/default + flat").get("HR@5")).isGreaterThan(0.8);
    assertThat(means.get("labels | mobilenetv2-12-int8/default + flat").get("HR@5")).isGreaterThan(0.7);
  }

  @Test
  void qualityOptionsAndIndexKindsCompareInOneRun() {
    CliRun compared = CliRun.of(
        "eval",
        "--model", SharedData.model("mobilenetv2-12-int8").toString(),
        "--quality", "none,flip",
        "--index", "flat,hnsw",
        "--labels", dir.resolve("tuxpaint/labels.csv").toString(),
        "--out", dir.resolve("quality").toString());
    assertThat(compared.exitCode()).as(compared.toString()).isZero();
    List<String> rows =
        compared.out().lines().filter(l -> l.startsWith("| labels |")).toList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).startsWith("| labels | mobilenetv2-12-int8/none + flat | 24 |");
    assertThat(rows.get(1)).startsWith("| labels | mobilenetv2-12-int8/none + hnsw | 24 |");
    assertThat(rows.get(2)).startsWith("| labels | mobilenetv2-12-int8/flip + flat | 24 |");
    assertThat(rows.get(3)).startsWith("| labels | mobilenetv2-12-int8/flip + hnsw | 24 |");
    // Flip averaging changes the vectors, so some measure differs from the plain run's; on 24
    // images HNSW returns exactly what flat does.
    assertThat(cells(rows.get(2), 3, 14)).isNotEqualTo(cells(rows.get(0), 3, 14));
    assertThat(cells(rows.get(1), 3, 14)).isEqualTo(cells(rows.get(0), 3, 14));
    assertThat(cells(rows.get(1), 14, 15)).containsExactly("1.0000");
    assertThat(cells(rows.get(3), 14, 15)).containsExactly("1.0000");
  }

  /** Cells {@code from} (inclusive) to {@code to} (exclusive) of a Markdown table row. */
  private static List<String> cells(String row, int from, int to) {
    return List.of(row.split("\\|")).subList(from + 1, to + 1).stream().map(String::strip).toList();
  }

  @Test
  void mistakesAreUsageErrors() {
    CliRun nothing = CliRun.of("eval", "--model", "m.onnx", "--out", dir.resolve("x").toString());
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.err()).contains("nothing to evaluate");
    CliRun preset = CliRun.of("eval", "--model", "m.onnx", "--preprocessing", "fancy", "--labels", "l.csv",
        "--out", dir.resolve("x").toString());
    assertThat(preset.exitCode()).isEqualTo(2);
    assertThat(preset.err()).contains("unknown preprocessing preset 'fancy'");
    CliRun index = CliRun.of("eval", "--model", "m.onnx", "--index", "annoy", "--labels", "l.csv",
        "--out", dir.resolve("x").toString());
    assertThat(index.exitCode()).isEqualTo(2);
    assertThat(index.err()).contains("unknown index 'annoy'; known: flat, hnsw");
    CliRun quality = CliRun.of("eval", "--model", "m.onnx", "--quality", "sharpen", "--labels", "l.csv",
        "--out", dir.resolve("x").toString());
    assertThat(quality.exitCode()).isEqualTo(2);
    assertThat(quality.err()).contains("unknown quality option 'sharpen'");
    CliRun measure = CliRun.of("eval", "--model", "m.onnx", "--measures", "MRR,F1", "--labels", "l.csv",
        "--out", dir.resolve("x").toString());
    assertThat(measure.exitCode()).isEqualTo(2);
    assertThat(measure.err()).contains("not a measure: 'F1'");
  }

  /** "benchmark | configuration" → label → mean, from report.json. */
  private static Map<String, Map<String, Double>> jsonMeans(Path file) throws IOException {
    Map<String, Map<String, Double>> means = new HashMap<>();
    try (JsonParser json = new JsonFactory().createParser(file.toFile())) {
      String benchmark = null;
      String configuration = null;
      for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
        if (token == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          JsonToken value = json.nextToken();
          if ("benchmark".equals(name)) {
            benchmark = json.getText();
          } else if ("configuration".equals(name)) {
            configuration = json.getText();
          } else if ("means".equals(name) && value == JsonToken.START_OBJECT) {
            Map<String, Double> row = new HashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
              String label = json.currentName();
              json.nextToken();
              row.put(label, json.getDoubleValue());
            }
            means.put(benchmark + " | " + configuration, row);
          }
        }
      }
    }
    return means;
  }
}
