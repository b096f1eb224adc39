package dev.visualsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on the real data and model: indexes the whole of {@code ../shared/data} once,
 * then searches, describes, and checks the failures a user can run into.
 */
class VisualSearchCliTest {

  @TempDir static Path dir;

  private static Path index;
  private static CliRun indexRun;

  @BeforeAll
  static void indexAllSharedData() {
    index = dir.resolve("index");
    indexRun =
        CliRun.of(
            "index",
            SharedData.data("").toString(),
            "--model",
            SharedData.model("mobilenetv2-12-int8").toString(),
            "--out",
            index.toString());
  }

  @Test
  void indexingTheSharedDataReportsEveryBadFileAndIndexesTheRest() throws IOException {
    assertThat(indexRun.exitCode()).as(indexRun.toString()).isZero();
    List<Path> badFiles = filesUnder(SharedData.data("formats"), "bad-");
    assertThat(badFiles).hasSize(5);
    for (Path bad : badFiles) {
      assertThat(indexRun.err())
          .as("stderr names %s with a reason", bad.getFileName())
          .containsPattern("skipped \\S*" + bad.getFileName() + ": \\S+");
    }
    long images =
        filesUnder(SharedData.data(""), "").stream()
            .filter(p -> p.getFileName().toString().matches("(?i).*\\.(jpe?g|png|gif|bmp|tiff?|webp)"))
            .count();
    long expectedIndexed = images - badFiles.size();
    assertThat(indexRun.out())
        .contains("indexed " + expectedIndexed + " images")
        .contains(" 5 skipped");
    java.util.regex.Matcher counts =
        java.util.regex.Pattern.compile("(\\d+) new, 0 changed, 0 unchanged, (\\d+) renamed or copied")
            .matcher(indexRun.out());
    assertThat(counts.find()).as(indexRun.out()).isTrue();
    assertThat(Long.parseLong(counts.group(1)) + Long.parseLong(counts.group(2)))
        .isEqualTo(expectedIndexed);

    CliRun info = CliRun.of("info", index.toString());
    assertThat(info.exitCode()).isZero();
    assertThat(info.out())
        .contains("items        " + expectedIndexed)
        .contains("1280-d, cosine")
        .contains("index        flat")
        .contains("attribute    model = ");
  }

  @Test
  void searchFindsTheQueryItselfFirstInEveryFormat() {
    Path query = SharedData.data("pairs/box.png");
    CliRun text = CliRun.of("search", query.toString(), "--index", index.toString(), "-k", "3");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out().lines().toList()).hasSize(4);
    assertThat(text.out().lines().skip(1).findFirst().orElseThrow())
        .matches("\\s+1\\s+1\\.0000\\s+pairs/box\\.png\\s+.*box\\.png");

    CliRun json =
        CliRun.of("search", query.toString(), "--index", index.toString(), "-k", "2", "--format", "json");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out()).contains("\"id\" : \"pairs/box.png\"").contains("\"rank\" : 2");

    CliRun trec =
        CliRun.of("search", query.toString(), "--index", index.toString(), "-k", "5", "--format", "trec");
    assertThat(trec.exitCode()).isZero();
    List<String> lines = trec.out().lines().toList();
    assertThat(lines).hasSize(5);
    // The exact float score of the image against itself: 1 up to rounding.
    assertThat(lines.get(0)).matches("box\\.png Q0 pairs/box\\.png 1 (1|1\\.0000\\d*|0\\.9999\\d*) visualsearch");
    assertThat(lines).allSatisfy(line -> assertThat(line.split(" ")).hasSize(6));
  }

  @Test
  void controlCharactersInIdsAreEscapedInTextAndPercentEncodedInTrec() throws IOException {
    // The tuxpaint folders of the shared data end in a carriage return ("animals-mammals\r").
    Path query;
    try (Stream<Path> files = Files.walk(SharedData.data("tuxpaint"))) {
      query = files.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
    }
    assertThat(query.toString()).contains("\r");

    CliRun text = CliRun.of("search", query.toString(), "--index", index.toString(), "-k", "1");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).doesNotContain("\r").contains("\\r/");

    CliRun json =
        CliRun.of("search", query.toString(), "--index", index.toString(), "-k", "1", "--format", "json");
    assertThat(json.out()).doesNotContain("\r").contains("\\r/");

    CliRun trec =
        CliRun.of("search", query.toString(), "--index", index.toString(), "-k", "1", "--format", "trec");
    assertThat(trec.out()).doesNotContain("\r").contains("%0D/");
    assertThat(trec.out().split(" ")).hasSize(6);
    assertThat(trec.err()).contains("holds whitespace");
  }

  @Test
  void anUnreadableQueryFailsWithTheReasonButTheOthersAreAnswered() {
    CliRun run =
        CliRun.of(
            "search",
            SharedData.data("formats/bad-truncated.jpg").toString(),
            SharedData.data("pairs/box.png").toString(),
            "--index",
            index.toString(),
            "-k",
            "1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("bad-truncated.jpg");
    assertThat(run.out()).contains("pairs/box.png");
  }

  @Test
  void searchingWithAnotherModelIsRefused() {
    CliRun run =
        CliRun.of(
            "search",
            SharedData.data("pairs/box.png").toString(),
            "--index",
            index.toString(),
            "--model",
            SharedData.model("mobilenetv2-int8-st").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("another embedder")
        .contains("It was indexed with " + SharedData.mobileNetV2Zoo())
        .contains("this search used " + SharedData.mobileNetV2St());
  }

  @Test
  void mistakesGetMessagesAndExitCodes() {
    CliRun noIndex =
        CliRun.of("search", SharedData.data("pairs/box.png").toString(), "--index", dir.resolve("none").toString());
    assertThat(noIndex.exitCode()).isEqualTo(1);
    assertThat(noIndex.err()).contains("not a visualsearch collection");

    CliRun noCommand = CliRun.of();
    assertThat(noCommand.exitCode()).isEqualTo(2);
    assertThat(noCommand.err()).contains("Missing required command").contains("Usage: visualsearch");

    CliRun usage = CliRun.of("search", "--index", index.toString());
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required parameter");

    CliRun badK =
        CliRun.of("search", SharedData.data("pairs/box.png").toString(), "--index", index.toString(), "-k", "0");
    assertThat(badK.exitCode()).isEqualTo(1);
    assertThat(badK.err()).contains("-k must be at least 1: 0");

    CliRun badModel =
        CliRun.of("index", SharedData.data("pairs").toString(), "--model", dir.resolve("missing.onnx").toString(),
            "--out", dir.resolve("x").toString());
    assertThat(badModel.exitCode()).isEqualTo(1);
    assertThat(badModel.err()).contains("missing.onnx");
  }

  private static List<Path> filesUnder(Path root, String namePrefix) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith(namePrefix))
          .sorted()
          .toList();
    }
  }
}
