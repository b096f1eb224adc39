package dev.visualsearch.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.FolderReport;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-indexing the real photos: an unchanged folder costs little; a killed run loses nothing saved. */
class IncrementalIndexingTest {

  @TempDir Path dir;

  @Test
  void reindexingAnUnchangedFolderEmbedsNothingAndChangesNothing() throws IOException {
    Path folder = SharedData.data("tuxpaint");
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
        VisualSearch search =
            VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).build()) {
      FolderReport first = search.syncFolder(folder, null);
      SearchResult before = search.similar(first.added() > 0 ? firstId(search, folder) : "", 10);

      FolderReport second = search.syncFolder(folder, null);

      System.out.printf(
          "first run: %d images embedded (%d identical files reused a vector) in %d ms;"
              + " unchanged re-run: %d unchanged, %d embedded in %d ms (%.1f%% of the first)%n",
          first.embedded(), first.reused(), first.elapsed().toMillis(), second.unchanged(),
          second.embedded(), second.elapsed().toMillis(),
          100.0 * second.elapsed().toNanos() / first.elapsed().toNanos());
      // tuxpaint holds two byte-identical files: the second takes the first one's vector.
      assertThat(first.added()).isEqualTo(375);
      assertThat(first.reused()).isEqualTo(1);
      assertThat(second.unchanged()).isEqualTo(376);
      assertThat(second.embedded() + second.reused() + second.removed()).isZero();
      assertThat(search.size()).isEqualTo(376);
      assertThat(search.similar(firstId(search, folder), 10)).isEqualTo(before);
    }
  }

  @Test
  void aRunKilledHalfWayLeavesAnIntactCollectionAndTheNextRunFinishesIt() throws Exception {
    Path folder = SharedData.data("tuxpaint");
    Path out = dir.resolve("collection");
    // The slower of the two models, one worker, a checkpoint every second: the run takes several
    // seconds, and is killed (SIGKILL, no shutdown hooks) right after its first checkpoint.
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "dev.visualsearch.cli.VisualSearchCli", "index", folder.toString(),
        "--model", SharedData.mobileNetV2St().toString(),
        "--out", out.toString(), "--threads", "1", "--batch-size", "1",
        "--checkpoint-seconds", "1"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("index.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!VisualSearch.exists(out) && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    boolean killedWhileRunning = process.isAlive();
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    System.out.println(Files.readString(dir.resolve("index.log")));
    assertThat(killedWhileRunning).as("the run was still going at its first checkpoint").isTrue();

    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2St()).build()) {
      int saved;
      try (VisualSearch checkpoint =
          VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).open(out)) {
        saved = checkpoint.size();
        assertThat(saved).isBetween(1, 375);
        // The checkpoint is a working collection: its items find themselves.
        String id = firstId(checkpoint, folder);
        assertThat(checkpoint.search(checkpoint.vector(id).orElseThrow(), 1).ids())
            .containsExactly(id);
      }
      try (VisualSearch resumed =
          VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).open(out)) {
        FolderReport report = resumed.syncFolder(folder, null);
        System.out.printf(
            "killed after a checkpoint of %d items; the next run: %d unchanged, %d embedded%n",
            saved, report.unchanged(), report.embedded());
        assertThat(report.unchanged()).isEqualTo(saved);
        assertThat(report.added() + report.reused()).isEqualTo(376 - saved);
        assertThat(resumed.size()).isEqualTo(376);
      }
    }
    // Nothing half-written is left beside the collection files.
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .allMatch(name -> name.matches("manifest\\.properties|write\\.lock|index-\\d+\\.vsi|catalog-\\d+\\.vsc|\\..*\\.partial"));
    }
  }

  private static String firstId(VisualSearch search, Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      Path first = files.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
      String id = folder.relativize(first).toString().replace(File.separatorChar, '/');
      return search.contains(id) ? id : search.entry(id).orElseThrow().id();
    }
  }
}
