package dev.visualsearch;

import static dev.visualsearch.testing.SyntheticImages.solid;
import static dev.visualsearch.testing.SyntheticImages.writePng;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.ColourGridEmbedder;
import dev.visualsearch.testing.ReferenceIndex;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental indexing: a re-run embeds only what changed and mirrors the folder. */
class SyncFolderTest {

  @TempDir Path dir;

  private final ColourGridEmbedder embedder = new ColourGridEmbedder();
  private Path photos;
  private VisualSearch search;

  @BeforeEach
  void fiveImages() throws IOException {
    photos = Files.createDirectories(dir.resolve("photos"));
    Files.createDirectories(photos.resolve("sub"));
    writePng(solid(16, 16, Color.RED), photos.resolve("red.png"));
    writePng(solid(16, 16, Color.GREEN), photos.resolve("green.png"));
    writePng(solid(16, 16, Color.BLUE), photos.resolve("sub/blue.png"));
    writePng(solid(24, 12, Color.YELLOW), photos.resolve("sub/yellow.png"));
    writePng(solid(16, 16, Color.CYAN), photos.resolve("cyan.png"));
    search =
        VisualSearch.builder()
            .embedder(embedder)
            .index(ReferenceIndex.factory())
            .threads(2)
            .batchSize(2)
            .build();
  }

  @Test
  void aSecondRunOverAnUnchangedFolderEmbedsNothing() throws IOException {
    FolderReport first = search.syncFolder(photos, null);
    assertThat(first.added()).isEqualTo(5);
    assertThat(embedder.embeddedCount()).isEqualTo(5);
    CatalogEntry yellow = search.entry("sub/yellow.png").orElseThrow();
    SourceFile facts = yellow.sourceFile().orElseThrow();
    assertThat(facts.width()).isEqualTo(24);
    assertThat(facts.height()).isEqualTo(12);
    assertThat(facts.size()).isEqualTo(Files.size(photos.resolve("sub/yellow.png")));
    assertThat(facts.sha256()).hasSize(64);

    FolderReport second = search.syncFolder(photos, null);

    assertThat(second.unchanged()).isEqualTo(5);
    assertThat(second.embedded()).isZero();
    assertThat(second.removed()).isZero();
    assertThat(embedder.embeddedCount()).isEqualTo(5);
    assertThat(search.entry("sub/yellow.png")).contains(yellow);
  }

  @Test
  void changedFilesAreEmbeddedAgainAndTouchedOnesAreNot() throws IOException {
    search.syncFolder(photos, null);
    writePng(solid(16, 16, Color.MAGENTA), photos.resolve("red.png"));
    bumpTime(photos.resolve("red.png"));
    bumpTime(photos.resolve("green.png")); // same bytes, new time

    FolderReport report = search.syncFolder(photos, null);

    assertThat(report.updated()).isEqualTo(1);
    assertThat(report.unchanged()).isEqualTo(4);
    assertThat(embedder.embeddedCount()).isEqualTo(6);
    assertThat(search.search(solid(8, 8, Color.MAGENTA), 1).ids()).containsExactly("red.png");
    // The touched file's new time is remembered: the next run does not even hash it.
    assertThat(search.entry("green.png").orElseThrow().sourceFile().orElseThrow().lastModified())
        .isEqualTo(Files.getLastModifiedTime(photos.resolve("green.png")).toInstant());
  }

  @Test
  void aRenamedFileKeepsItsVectorUnderTheNewIdAndAGoneFileIsRemoved() throws IOException {
    search.syncFolder(photos, null);
    float[] blue = search.vector("sub/blue.png").orElseThrow();
    Files.move(photos.resolve("sub/blue.png"), photos.resolve("navy.png"));
    Files.delete(photos.resolve("cyan.png"));

    FolderReport report = search.syncFolder(photos, null);

    assertThat(report.reused()).isEqualTo(1);
    assertThat(report.removed()).isEqualTo(2); // sub/blue.png (moved away) and cyan.png
    assertThat(report.embedded()).isZero();
    assertThat(embedder.embeddedCount()).isEqualTo(5);
    assertThat(search.contains("sub/blue.png")).isFalse();
    assertThat(search.contains("cyan.png")).isFalse();
    assertThat(search.vector("navy.png").orElseThrow()).containsExactly(blue);
    assertThat(search.size()).isEqualTo(4);
  }

  @Test
  void aCopyTakesTheVectorOfItsOriginal() throws IOException {
    search.syncFolder(photos, null);
    Files.copy(photos.resolve("red.png"), photos.resolve("red-copy.png"));

    FolderReport report = search.syncFolder(photos, null);

    assertThat(report.reused()).isEqualTo(1);
    assertThat(embedder.embeddedCount()).isEqualTo(5);
    assertThat(search.vector("red-copy.png").orElseThrow())
        .containsExactly(search.vector("red.png").orElseThrow());
    assertThat(search.entry("red-copy.png").orElseThrow().sourceFile().orElseThrow().sha256())
        .isEqualTo(search.entry("red.png").orElseThrow().sourceFile().orElseThrow().sha256());
  }

  @Test
  void aFileThatTurnedBadIsReportedAndItsStaleItemRemoved() throws IOException {
    search.syncFolder(photos, null);
    Files.writeString(photos.resolve("green.png"), "no longer an image");

    FolderReport report = search.syncFolder(photos, null);

    assertThat(report.skipped()).extracting(s -> s.file().getFileName().toString())
        .containsExactly("green.png");
    assertThat(report.removed()).isEqualTo(1);
    assertThat(search.contains("green.png")).isFalse();
  }

  @Test
  void itemsFromElsewhereAreLeftAloneAndAddFolderNeverRemoves() throws IOException {
    search.add("uploaded", solid(8, 8, Color.PINK), Map.of());
    Path other = Files.createDirectories(dir.resolve("other"));
    writePng(solid(16, 16, Color.ORANGE), other.resolve("orange.png"));
    search.addFolder(other);
    search.syncFolder(photos, null);
    Files.delete(photos.resolve("cyan.png"));
    Files.delete(other.resolve("orange.png"));

    assertThat(search.addFolder(photos).removed()).isZero();
    assertThat(search.contains("cyan.png")).isTrue();

    FolderReport sync = search.syncFolder(photos, null);
    assertThat(sync.removed()).isEqualTo(1);
    assertThat(search.contains("cyan.png")).isFalse();
    assertThat(search.contains("uploaded")).isTrue();
    assertThat(search.contains("orange.png")).isTrue();
  }

  @Test
  void anInterruptedRunSavedFromTheListenerContinuesWhereItStopped() throws IOException {
    Path saved = dir.resolve("collection");
    // One worker, batches of 2: the second progress call comes after exactly 4 images.
    search =
        VisualSearch.builder()
            .embedder(embedder)
            .index(ReferenceIndex.factory())
            .threads(1)
            .batchSize(2)
            .build();
    int[] calls = {0};
    try {
      search.syncFolder(
          photos,
          (processed, skipped, total) -> {
            if (++calls[0] == 2) {
              try {
                search.save(saved); // a checkpoint after the second batch...
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              throw new IllegalStateException("killed"); // ...then the process "dies"
            }
          });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("killed");
    }
    int checkpointed = VisualSearch.describe(saved).size();
    assertThat(checkpointed).isEqualTo(4);

    ColourGridEmbedder fresh = new ColourGridEmbedder();
    try (VisualSearch resumed =
        VisualSearch.builder().embedder(fresh).index(ReferenceIndex.factory()).open(saved)) {
      FolderReport report = resumed.syncFolder(photos, null);
      assertThat(report.unchanged()).isEqualTo(checkpointed);
      assertThat(report.added()).isEqualTo(5 - checkpointed);
      assertThat(fresh.embeddedCount()).isEqualTo(5 - checkpointed);
      assertThat(resumed.size()).isEqualTo(5);
    }
  }

  private static void bumpTime(Path file) throws IOException {
    Instant later = Files.getLastModifiedTime(file).toInstant().plusSeconds(60);
    Files.setLastModifiedTime(file, FileTime.from(later));
  }
}
