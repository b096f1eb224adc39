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
  void dedupFindsTheIdenticalFilesAndTheFormatsOfOnePhoto() throws IOException {
    Path html = dir.resolve("dedup.html");
    CliRun text = CliRun.of("dedup", "--index", index.toString(), "--html", html.toString());
    assertThat(text.exitCode()).as(text.toString()).isZero();
    // tuxpaint files one photo under two categories; formats/ holds one photo in 16 encodings.
    assertThat(text.out()).containsPattern(
        "identical files, weakest link cosine 1\\.0000\\n  keep  tuxpaint/\\S+/fireman240a\\.png");
    assertThat(text.out()).contains("keep  formats/large-4000px.jpg");
    for (String encoding : List.of("baseline.jpg", "cmyk.jpg", "exif-orientation-6.jpg", "lossy.webp", "rgb16.png")) {
      assertThat(text.out()).contains("copy  formats/" + encoding);
    }
    assertThat(text.err()).containsPattern("\\d+ groups of copies among 432 items");
    assertThat(Files.readString(html)).contains("data:image/jpeg;base64,").contains("fireman240a.png");

    CliRun csv = CliRun.of("dedup", "--index", index.toString(), "--format", "csv");
    List<String> rows = csv.out().lines().toList();
    assertThat(rows.get(0)).startsWith("group,role,id,source,sha256");
    assertThat(rows).anyMatch(row -> row.startsWith("1,keep,formats/large-4000px.jpg,"));
    // Ids with a carriage return are quoted, so the CSV stays one record per row.
    assertThat(csv.out()).contains("\"tuxpaint/");

    // At cosine 1 only the same pixels remain: identical files, and lossless encodings of one
    // photo (BMP, PNG, TIFF, lossless WebP decode to the same picture, so to the same vector).
    CliRun strict = CliRun.of("dedup", "--index", index.toString(), "--copy-cosine", "1", "--format", "json");
    assertThat(strict.out()).contains("\"exact\" : true");
    assertThat(strict.out()).doesNotContain("baseline.jpg").doesNotContain("lossy.webp");
    java.util.regex.Matcher lowest =
        java.util.regex.Pattern.compile("\"lowestCosine\" : ([0-9.E-]+)").matcher(strict.out());
    while (lowest.find()) {
      assertThat(Double.parseDouble(lowest.group(1))).isGreaterThanOrEqualTo(1.0);
    }
  }

  @Test
  void similarRecommendsOthersAndCanDiversify() throws IOException {
    CliRun plain = CliRun.of("similar", "pairs/box.png", "--index", index.toString(), "-k", "3");
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    List<String> lines = plain.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("pairs/box_in_scene.png");
    assertThat(plain.out()).doesNotContain("  pairs/box.png  ");

    Path html = dir.resolve("similar.html");
    CliRun varied = CliRun.of("similar", "pairs/box.png", "--index", index.toString(), "-k", "3",
        "--diversity", "0.5", "--html", html.toString());
    assertThat(varied.exitCode()).isZero();
    assertThat(varied.out().lines().toList()).hasSize(4);
    assertThat(varied.out()).isNotEqualTo(plain.out());
    assertThat(Files.readString(html)).contains("More like pairs/box.png");

    CliRun unknown = CliRun.of("similar", "no/such.png", "--index", index.toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no item 'no/such.png'");
  }

  @Test
  void clusterWritesEveryItemOnceAndLinkFolders() throws IOException {
    Path links = dir.resolve("clusters");
    CliRun csv = CliRun.of("cluster", "--index", index.toString(), "-k", "6", "--format", "csv",
        "--links", links.toString());
    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    List<String> rows = csv.out().lines().toList();
    assertThat(rows.get(0)).isEqualTo("cluster,id,representative,source");
    // Quoted ids hold a carriage return and span two lines; count records by their first field.
    assertThat(rows.stream().filter(row -> row.matches("\\d,.*")).count()).isEqualTo(432);
    try (Stream<Path> folders = Files.list(links)) {
      assertThat(folders.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("cluster-000", "cluster-001", "cluster-002", "cluster-003", "cluster-004",
              "cluster-005");
    }
    try (Stream<Path> all = Files.walk(links)) {
      List<Path> linked = all.filter(Files::isSymbolicLink).toList();
      assertThat(linked).hasSize(432);
      assertThat(linked).allMatch(Files::isRegularFile); // every link resolves to its image
    }
    CliRun again = CliRun.of("cluster", "--index", index.toString(), "-k", "6", "--links", links.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("--links wants a new folder");
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
  void anHnswCollectionIsBuiltSearchedAndKeepsItsKind() {
    Path hnsw = dir.resolve("hnsw");
    String model = SharedData.model("mobilenetv2-12-int8").toString();
    String pairs = SharedData.data("pairs").toString();
    CliRun built = CliRun.of("index", pairs, "--model", model, "--out", hnsw.toString(), "--index-kind", "hnsw");
    assertThat(built.exitCode()).as(built.toString()).isZero();
    assertThat(CliRun.of("info", hnsw.toString()).out()).contains("index        hnsw");

    CliRun search =
        CliRun.of("search", SharedData.data("pairs/aloeL.jpg").toString(), "--index", hnsw.toString(), "-k", "2");
    assertThat(search.exitCode()).as(search.toString()).isZero();
    List<String> hits = search.out().lines().skip(1).toList();
    assertThat(hits.get(0)).contains("aloeL.jpg");
    assertThat(hits.get(1)).as("the other photo of the pair").contains("aloeR.jpg");

    CliRun otherKind = CliRun.of("index", pairs, "--model", model, "--out", hnsw.toString(), "--index-kind", "flat");
    assertThat(otherKind.exitCode()).isEqualTo(1);
    assertThat(otherKind.err()).contains("--index-kind flat does not match").contains("which is hnsw");

    CliRun unknownKind =
        CliRun.of("index", pairs, "--model", model, "--out", dir.resolve("ivf").toString(), "--index-kind", "ivf");
    assertThat(unknownKind.exitCode()).isEqualTo(1);
    assertThat(unknownKind.err()).contains("unknown index kind 'ivf'; known: cassandra, flat, hnsw");
  }

  /** The Cassandra target's options, checked without a cluster (index-cassandra's tests run one). */
  @Test
  void cassandraOptionsAreCheckedAndAnUnreachableClusterIsNamed() {
    String model = SharedData.model("mobilenetv2-12-int8").toString();
    String pairs = SharedData.data("pairs").toString();
    String out = dir.resolve("cassandra").toString();

    CliRun keyspaceAlone = CliRun.of("index", pairs, "--model", model, "--out", out, "--keyspace", "demo");
    assertThat(keyspaceAlone.exitCode()).isEqualTo(1);
    assertThat(keyspaceAlone.err()).contains("need --cassandra");

    CliRun otherKind =
        CliRun.of("index", pairs, "--model", model, "--out", out, "--cassandra", "127.0.0.1:1", "--index-kind", "hnsw");
    assertThat(otherKind.exitCode()).isEqualTo(1);
    assertThat(otherKind.err()).contains("--cassandra stores the vectors in Cassandra").contains("hnsw");

    CliRun unreachable =
        CliRun.of("index", pairs, "--model", model, "--out", out, "--cassandra", "127.0.0.1:1", "--keyspace", "demo");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot connect (demo.vectors at [127.0.0.1:1])").contains("no node answered: 127.0.0.1:1");
  }

  @Test
  void aModelGivenByNameComesFromTheModelDirectoryAndIsVerified() throws IOException {
    CliRun models = CliRun.of("models");
    assertThat(models.exitCode()).isZero();
    assertThat(models.out())
        .contains("resnet18-v1", "resnet50-v2", "mobilenetv2-12-int8", "mobilenetv2-int8-st")
        .contains("sha256 83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f");

    Path byName = dir.resolve("by-name");
    String modelDir = SharedData.model("").toString();
    CliRun built = CliRun.of("index", SharedData.data("pairs").toString(), "--model", "mobilenetv2-int8-st",
        "--model-dir", modelDir, "--out", byName.toString());
    assertThat(built.exitCode()).as(built.toString()).isZero();
    assertThat(built.err()).contains("mobilenet_v2_1.0_224_int8_per_tensor.onnx");
    CliRun search =
        CliRun.of("search", SharedData.data("pairs/aloeL.jpg").toString(), "--index", byName.toString(), "-k", "2");
    assertThat(search.exitCode()).as(search.toString()).isZero();
    assertThat(search.out().lines().skip(2).findFirst().orElseThrow()).contains("aloeR.jpg");

    // A directory whose file for the name has other bytes is refused, naming the file.
    Path fake = dir.resolve("fake-models/mobilenetv2-12-int8");
    Files.createDirectories(fake);
    Files.write(fake.resolve("mobilenetv2-12-int8.onnx"), new byte[] {1, 2, 3});
    CliRun tampered = CliRun.of("index", SharedData.data("pairs").toString(), "--model", "mobilenetv2-12-int8",
        "--model-dir", fake.getParent().toString(), "--out", dir.resolve("tampered").toString());
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.err()).contains("mobilenetv2-12-int8.onnx").contains("sha256");
    assertThat(dir.resolve("tampered")).doesNotExist();
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
