package dev.visualsearch.eval.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.Metric;
import dev.visualsearch.augment.Augmentation;
import dev.visualsearch.eval.Evaluation;
import dev.visualsearch.eval.Measure;
import dev.visualsearch.testing.ColourGridEmbedder;
import dev.visualsearch.testing.ReferenceIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness with a model-free embedder (mean colours of a 2×2 grid) on synthetic images whose
 * right answers are known: exact copies must be found first.
 */
class HarnessTest {

  @TempDir Path dir;

  private final List<ColourGridEmbedder> opened = new ArrayList<>();
  private final AtomicInteger opens = new AtomicInteger();
  private EmbedderChoice grid;
  private final IndexChoice exact = IndexChoice.exact("reference", ReferenceIndex.factory(), Metric.COSINE);
  private final IndexChoice lossy = IndexChoice.approximate("lossy", LossyIndex.factory(), Metric.COSINE);

  @BeforeEach
  void embedder() {
    grid = new EmbedderChoice("grid", () -> {
      opens.incrementAndGet();
      ColourGridEmbedder embedder = new ColourGridEmbedder();
      opened.add(embedder);
      return embedder;
    });
  }

  /** Protocol 1 with copies identical to their originals: every query's copy is its nearest item. */
  private Benchmark identicalCopies(String name, Path images) throws IOException {
    return new AugmentedCopiesProtocol(images, 4, 1, Augmentation.builder().build(), 5).build(name, dir.resolve(name));
  }

  @Test
  void exactCopiesAreFoundFirstAndTheApproximateIndexIsComparedWithTheExactOne() throws IOException {
    Path images = dir.resolve("images");
    Pictures.write(images, "img", 10, 11);
    Benchmark benchmark = identicalCopies("copies", images);
    EvaluationReport report = Harness.builder()
        .configuration(new Configuration(grid, lossy))
        .configuration(new Configuration(grid, exact))
        .threads(2)
        .build()
        .run(List.of(benchmark));

    assertThat(report.results()).extracting(r -> r.configuration().name()).containsExactly("grid + lossy", "grid + reference");
    ConfigurationResult flat = report.results().get(1);
    assertThat(flat.evaluation().queries()).hasSize(4);
    assertThat(flat.evaluation().mean(Measure.mrr())).isEqualTo(1.0);
    assertThat(flat.evaluation().mean(Measure.recall(1))).isEqualTo(1.0);
    assertThat(flat.overlapWithExact()).isEmpty();
    assertThat(flat.run().hits(benchmark.queries().get(0).id())).hasSize(10); // the whole collection

    ConfigurationResult approximate = report.results().get(0);
    assertThat(approximate.evaluation().mean(Measure.mrr())).isEqualTo(0.0); // its best hit is always lost
    assertThat(approximate.overlapWithExact().getAsDouble()).isCloseTo(0.9, within(1e-9)); // 9 of the top 10

    // One model, opened once; each distinct file embedded once for both indexes.
    assertThat(opens.get()).isEqualTo(1);
    assertThat(opened.get(0).embeddedCount()).isEqualTo(6 + 4 + 4);
    assertThat(report.results().get(1).timings().embeddedImages() + report.results().get(0).timings().embeddedImages())
        .isEqualTo(14);
    assertThat(flat.timings().search().count()).isEqualTo(4);
  }

  @Test
  void imagesSharedByBenchmarksAreEmbeddedOnce() throws IOException {
    Path images = dir.resolve("images");
    Pictures.write(images, "img", 10, 12);
    Benchmark first = identicalCopies("first", images);
    Path groups = dir.resolve("groups.csv");
    Files.writeString(groups, "group,path\na,images/img-00.png\na,images/img-01.png\n");
    Benchmark second = new GroupsProtocol(groups, List.of(images)).build("second");

    EvaluationReport report = Harness.builder().configuration(new Configuration(grid, exact)).build().run(List.of(first, second));
    assertThat(report.results()).hasSize(2);
    // The second benchmark's images are the same files: nothing new to embed.
    assertThat(report.results().get(1).timings().embeddedImages()).isZero();
    assertThat(opened.get(0).embeddedCount()).isEqualTo(14);
  }

  @Test
  void queriesNeverFindThemselvesAndUnreadableImagesAreLeftOutAndListed() throws IOException {
    Path images = dir.resolve("images");
    Pictures.write(images, "img", 6, 13);
    Files.writeString(images.resolve("broken.png"), "not a png");
    Path groups = dir.resolve("groups.csv");
    Files.writeString(groups, "group,path\na,images/img-00.png\na,images/img-01.png\nb,images/broken.png\nb,images/img-02.png\n");
    Benchmark benchmark = new GroupsProtocol(groups, List.of(images)).build("groups");

    ConfigurationResult result =
        Harness.builder().configuration(new Configuration(grid, exact)).build().run(List.of(benchmark)).results().get(0);
    assertThat(result.unreadable()).singleElement().asString().contains("broken.png");
    // img-02's only partner was broken: it has nothing relevant left and is not scored.
    assertThat(result.evaluation().queries()).containsExactlyInAnyOrder("images/img-00.png", "images/img-01.png");
    for (String query : result.run().queryIds()) {
      assertThat(result.run().ranking(query)).doesNotContain(query, "images/broken.png");
    }
  }

  @Test
  void exactTiesFollowTrecEvalSoTheWrittenFilesReproduceTheTable() throws IOException {
    Path images = dir.resolve("images");
    List<Path> files = Pictures.write(images, "img", 4, 14);
    // A byte-identical copy of img-01 that is not in its group: the two tie exactly.
    Files.copy(files.get(1), images.resolve("zdup.png"));
    Path groups = dir.resolve("groups.csv");
    Files.writeString(groups, "group,path\na,images/img-00.png\na,images/img-01.png\n");
    Benchmark benchmark = new GroupsProtocol(groups, List.of(images)).build("ties");

    EvaluationReport report =
        Harness.builder().configuration(new Configuration(grid, exact)).build().run(List.of(benchmark));
    ConfigurationResult result = report.results().get(0);
    List<String> ranking = result.run().ranking("images/img-01.png");
    // Query img-01 finds its own byte-identical twin first (the query itself is excluded).
    assertThat(ranking.get(0)).isEqualTo("images/zdup.png");
    List<String> forQuery0 = result.run().ranking("images/img-00.png");
    int twin = forQuery0.indexOf("images/zdup.png");
    int partner = forQuery0.indexOf("images/img-01.png");
    assertThat(twin).as("zdup > img-01 in trec_eval's tie order").isEqualTo(partner - 1);

    dev.visualsearch.eval.report.ReportFiles.write(report, dir.resolve("out"), 3);
    Evaluation fromFiles = Evaluation.of(
        dev.visualsearch.eval.TrecRun.read(dir.resolve("out/ties--grid-reference.run")),
        dev.visualsearch.eval.TrecQrels.read(dir.resolve("out/ties.qrels")),
        report.measures());
    for (Measure measure : report.measures()) {
      assertThat(fromFiles.mean(measure)).as(measure.label()).isEqualTo(result.evaluation().mean(measure));
    }
  }

  @Test
  void configurationMistakesAreRefused() {
    assertThatThrownBy(() -> Harness.builder().build()).hasMessageContaining("no configuration");
    Harness.Builder builder = Harness.builder().configuration(new Configuration(grid, exact));
    assertThatThrownBy(() -> builder.configuration(new Configuration(grid, exact))).hasMessageContaining("already added");
    EmbedderChoice other = new EmbedderChoice("grid", ColourGridEmbedder::new);
    assertThatThrownBy(() -> builder.configuration(new Configuration(other, lossy)))
        .hasMessage("two different embedder choices are called grid");
    assertThatThrownBy(() -> Harness.builder().depth(0)).hasMessage("depth must be at least 1: 0");
    assertThatThrownBy(() -> Harness.builder().measures(List.of())).hasMessage("at least one measure is needed");
  }

  @Test
  void percentilesAreNearestRank() {
    Latencies latencies = Latencies.ofNanos(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000});
    assertThat(latencies.p50Millis()).isEqualTo(3.0);
    assertThat(latencies.p99Millis()).isEqualTo(5.0);
    assertThat(Latencies.ofNanos(new long[0]).p50Millis()).isNaN();
  }
}
