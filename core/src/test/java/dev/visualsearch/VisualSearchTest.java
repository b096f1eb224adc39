package dev.visualsearch;

import static dev.visualsearch.testing.SyntheticImages.quadrants;
import static dev.visualsearch.testing.SyntheticImages.solid;
import static dev.visualsearch.testing.SyntheticImages.writePng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.organize.ImageCluster;
import dev.visualsearch.organize.KMeans;
import dev.visualsearch.testing.ColourGridEmbedder;
import dev.visualsearch.testing.ReferenceIndex;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisualSearchTest {

  @TempDir Path dir;

  private final ColourGridEmbedder embedder = new ColourGridEmbedder();

  private VisualSearch newCollection() {
    return VisualSearch.builder().embedder(embedder).index(ReferenceIndex.factory()).build();
  }

  @Test
  void findsTheImageThatLooksMostAlike() throws IOException {
    try (VisualSearch search = newCollection()) {
      search.add("red", solid(32, 32, Color.RED), Map.of("colour", "red"));
      search.add("blue", solid(32, 32, Color.BLUE), Map.of());
      search.add("mostly-red", quadrants(32, Color.RED, Color.RED, Color.RED, Color.GREEN), Map.of());

      SearchResult result = search.search(solid(16, 16, new Color(250, 10, 10)), 3);

      assertThat(result.ids()).containsExactly("red", "mostly-red", "blue");
      assertThat(result.get(0).score()).isGreaterThan(result.get(1).score());
      assertThat(search.entry("red").orElseThrow().metadata()).containsEntry("colour", "red");
      assertThat(search.metric()).isEqualTo(Metric.COSINE);
    }
  }

  @Test
  void addsFromFilesStreamsAndVectors() throws IOException {
    Path file = writePng(solid(20, 20, Color.ORANGE), dir.resolve("orange.png"));
    byte[] png = Files.readAllBytes(writePng(solid(20, 20, Color.CYAN), dir.resolve("cyan.png")));
    try (VisualSearch search = newCollection()) {
      search.add("from-file", file, Map.of("sku", "A-1"));
      search.add("from-stream", new ByteArrayInputStream(png), "upload:cyan.png");
      float[] vector = embedder.embed(solid(8, 8, Color.MAGENTA));
      search.add("from-vector", vector, Map.of());

      assertThat(search.size()).isEqualTo(3);
      assertThat(search.entry("from-file").orElseThrow().source()).contains(file.toString());
      assertThat(search.entry("from-file").orElseThrow().metadata()).isEqualTo(Map.of("sku", "A-1"));
      assertThat(search.entry("from-stream").orElseThrow().source()).contains("upload:cyan.png");
      assertThat(search.entry("from-vector").orElseThrow().source()).isEmpty();
      assertThat(search.vector("from-vector").orElseThrow()).containsExactly(vector);
      assertThat(search.search(file, 1).ids()).containsExactly("from-file");
      assertThat(search.search(vector, 1, null).ids()).containsExactly("from-vector");
    }
  }

  @Test
  void removeAndFilter() throws IOException {
    try (VisualSearch search = newCollection()) {
      search.add("a", solid(8, 8, Color.RED), Map.of());
      search.add("b", solid(8, 8, new Color(240, 0, 0)), Map.of());
      search.add("c", solid(8, 8, Color.BLUE), Map.of());

      assertThat(search.search(solid(8, 8, Color.RED), 2, id -> !id.equals("a")).ids())
          .containsExactly("b", "c");
      assertThat(search.remove("a")).isTrue();
      assertThat(search.remove("a")).isFalse();
      assertThat(search.contains("a")).isFalse();
      assertThat(search.entry("a")).isEmpty();
      assertThat(search.search(solid(8, 8, Color.RED), 5).ids()).containsExactly("b", "c");
    }
  }

  @Test
  void aVectorOfTheWrongLengthLeavesNoCatalogueEntry() throws IOException {
    try (VisualSearch search = newCollection()) {
      assertThatThrownBy(() -> search.add("short", new float[3], Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3");
      assertThat(search.entry("short")).isEmpty();
      assertThat(search.size()).isZero();
    }
  }

  @Test
  void invalidArgumentsNameTheValue() throws IOException {
    try (VisualSearch search = newCollection()) {
      assertThatThrownBy(() -> search.search(solid(4, 4, Color.RED), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("k must be at least 1: 0");
      assertThatThrownBy(() -> search.add("", solid(4, 4, Color.RED), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("id must not be empty");
      assertThatThrownBy(() -> search.add(null, solid(4, 4, Color.RED), Map.of()))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("id");
    }
  }

  @Test
  void builderValidatesAtOnce() {
    assertThatThrownBy(() -> VisualSearch.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be at least 1: 0");
    assertThatThrownBy(() -> VisualSearch.builder().embedder(embedder).embedder(embedder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
    assertThatThrownBy(() -> VisualSearch.builder().index(ReferenceIndex.factory()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("embedder is required");
    assertThatThrownBy(() -> VisualSearch.builder().embedder(embedder).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("index is required");
    assertThatThrownBy(() -> VisualSearch.builder().attribute("a b", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a b'");
  }

  @Test
  void addFolderIndexesImagesAndReportsBadFiles() throws IOException {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.createDirectories(photos.resolve("sub/deeper"));
    Files.createDirectories(photos.resolve(".cache"));
    writePng(solid(16, 16, Color.RED), photos.resolve("red.png"));
    writePng(solid(16, 16, Color.GREEN), photos.resolve("sub/green.png"));
    writePng(solid(16, 16, Color.BLUE), photos.resolve("sub/deeper/blue.PNG"));
    writePng(solid(16, 16, Color.BLACK), photos.resolve(".cache/hidden.png"));
    Files.writeString(photos.resolve("notes.txt"), "not an image, not a problem");
    Files.writeString(photos.resolve("broken.jpg"), "this is text pretending to be a JPEG");
    Files.write(photos.resolve("empty.png"), new byte[0]);

    int[] lastProgress = new int[3];
    try (VisualSearch search =
        VisualSearch.builder()
            .embedder(embedder)
            .index(ReferenceIndex.factory())
            .threads(2)
            .batchSize(1)
            .build()) {
      FolderReport report =
          search.addFolder(
              photos,
              (processed, skipped, total) -> {
                lastProgress[0] = processed;
                lastProgress[1] = skipped;
                lastProgress[2] = total;
              });

      assertThat(report.added()).isEqualTo(3);
      assertThat(report.ignored()).isEqualTo(1);
      assertThat(report.skipped())
          .extracting(s -> s.file().getFileName().toString())
          .containsExactly("broken.jpg", "empty.png");
      assertThat(report.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
      assertThat(lastProgress).containsExactly(5, 2, 5);
      assertThat(search.contains("red.png")).isTrue();
      assertThat(search.contains("sub/green.png")).isTrue();
      assertThat(search.contains("sub/deeper/blue.PNG")).isTrue();
      assertThat(search.contains(".cache/hidden.png")).isFalse();
      assertThat(search.entry("sub/green.png").orElseThrow().source())
          .contains(photos.resolve("sub/green.png").toAbsolutePath().toString());
      assertThat(search.search(solid(8, 8, Color.GREEN), 1).ids()).containsExactly("sub/green.png");
    }
  }

  @Test
  void addFolderRefusesAFile() throws IOException {
    Path file = writePng(solid(4, 4, Color.RED), dir.resolve("one.png"));
    try (VisualSearch search = newCollection()) {
      assertThatThrownBy(() -> search.addFolder(file))
          .isInstanceOf(java.nio.file.NotDirectoryException.class)
          .hasMessageContaining("one.png");
    }
  }

  @Test
  void saveAndOpenGiveIdenticalResults() throws IOException {
    Path saved = dir.resolve("collection");
    SearchResult before;
    try (VisualSearch search =
        VisualSearch.builder()
            .embedder(embedder)
            .index(ReferenceIndex.factory())
            .metric(Metric.L2)
            .attribute("model", "/models/test.onnx")
            .build()) {
      addColours(search);
      search.add("meta", solid(8, 8, Color.PINK), Map.of("k", "v=1 :#x", "empty", ""));
      before = search.search(solid(8, 8, Color.ORANGE), 5);
      search.save(saved);
    }

    CollectionInfo info = VisualSearch.describe(saved);
    assertThat(info.size()).isEqualTo(6);
    assertThat(info.dimension()).isEqualTo(12);
    assertThat(info.metric()).isEqualTo(Metric.L2);
    assertThat(info.indexKind()).isEqualTo("reference");
    assertThat(info.embedderFingerprint()).isEqualTo(embedder.fingerprint());
    assertThat(info.generation()).isEqualTo(1);
    assertThat(info.attributes()).containsEntry("model", "/models/test.onnx");

    try (VisualSearch reopened =
        VisualSearch.builder().embedder(embedder).index(ReferenceIndex.factory()).open(saved)) {
      assertThat(reopened.search(solid(8, 8, Color.ORANGE), 5)).isEqualTo(before);
      assertThat(reopened.metric()).isEqualTo(Metric.L2);
      assertThat(reopened.attributes()).containsEntry("model", "/models/test.onnx");
      assertThat(reopened.entry("meta").orElseThrow().metadata())
          .isEqualTo(Map.of("k", "v=1 :#x", "empty", ""));

      reopened.remove("red");
      reopened.save(saved);
    }
    assertThat(VisualSearch.describe(saved).generation()).isEqualTo(2);
    assertThat(VisualSearch.describe(saved).size()).isEqualTo(5);
    assertThat(fileNames(saved))
        .containsExactlyInAnyOrder(
            "manifest.properties", "index-2.vsi", "catalog-2.vsc", "write.lock");
  }

  @Test
  void theImageLoaderDecodesEveryFileAndIsRecordedWithTheCollection() throws IOException {
    java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
    dev.visualsearch.image.ImageLoader counting =
        new dev.visualsearch.image.ImageLoader() {
          @Override
          public dev.visualsearch.image.DecodedImage load(Path file) throws IOException {
            loads.incrementAndGet();
            return dev.visualsearch.image.ImageDecoder.defaults().load(file);
          }

          @Override
          public dev.visualsearch.image.DecodedImage load(java.io.InputStream in, String name)
              throws IOException {
            loads.incrementAndGet();
            return dev.visualsearch.image.ImageDecoder.defaults().load(in, name);
          }

          @Override
          public String description() {
            return "counting";
          }
        };
    Path photos = Files.createDirectories(dir.resolve("photos"));
    writePng(solid(8, 8, Color.RED), photos.resolve("a.png"));
    writePng(solid(8, 8, Color.BLUE), photos.resolve("b.png"));
    Path saved = dir.resolve("saved");
    try (VisualSearch search =
        VisualSearch.builder().embedder(embedder).index(ReferenceIndex.factory()).imageLoader(counting).build()) {
      search.addFolder(photos);
      search.search(photos.resolve("a.png"), 1);
      search.save(saved);
    }
    assertThat(loads.get()).isEqualTo(3);
    assertThat(VisualSearch.describe(saved).imageLoader()).isEqualTo("counting");
  }

  @Test
  void openingWithAnotherEmbedderFailsAndSaysWhy() throws IOException {
    Path saved = dir.resolve("collection");
    try (VisualSearch search = newCollection()) {
      addColours(search);
      search.save(saved);
    }
    ColourGridEmbedder other = new ColourGridEmbedder("test:another-model");
    assertThatThrownBy(
            () -> VisualSearch.builder().embedder(other).index(ReferenceIndex.factory()).open(saved))
        .isInstanceOf(IncompatibleCollectionException.class)
        .hasMessageContaining("another embedder")
        .hasMessageContaining("test:colour-grid-2x2")
        .hasMessageContaining("test:another-model");
    assertThatThrownBy(
            () ->
                VisualSearch.builder()
                    .embedder(embedder)
                    .index(ReferenceIndex.factory())
                    .metric(Metric.L2)
                    .open(saved))
        .isInstanceOf(IncompatibleCollectionException.class)
        .hasMessageContaining("COSINE");
  }

  @Test
  void openingSomethingElseFailsClearly() throws IOException {
    assertThatThrownBy(
            () ->
                VisualSearch.builder()
                    .embedder(embedder)
                    .index(ReferenceIndex.factory())
                    .open(dir.resolve("nothing-here")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("not a visualsearch collection");
  }

  @Test
  void aDamagedIndexFileIsDetectedOnOpen() throws IOException {
    Path saved = dir.resolve("collection");
    try (VisualSearch search = newCollection()) {
      addColours(search);
      search.save(saved);
    }
    Path indexFile = saved.resolve("index-1.vsi");
    byte[] bytes = Files.readAllBytes(indexFile);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(indexFile, bytes);

    assertThatThrownBy(
            () -> VisualSearch.builder().embedder(embedder).index(ReferenceIndex.factory()).open(saved))
        .isInstanceOf(dev.visualsearch.store.CorruptFileException.class)
        .hasMessageContaining("index-1.vsi")
        .hasMessageContaining("checksum");
  }

  @Test
  void aCrashDuringSaveLeavesThePreviousCollection() throws IOException {
    Path saved = dir.resolve("collection");
    SearchResult before;
    ReferenceIndex[] index = new ReferenceIndex[1];
    VectorIndexFactory capturing =
        new VectorIndexFactory() {
          @Override
          public String name() {
            return "reference";
          }

          @Override
          public VectorIndex create(int dimension, Metric metric) {
            index[0] = new ReferenceIndex(dimension, metric);
            return index[0];
          }

          @Override
          public VectorIndex open(Path file) throws IOException {
            return ReferenceIndex.factory().open(file);
          }
        };
    try (VisualSearch search =
        VisualSearch.builder().embedder(embedder).index(capturing).build()) {
      addColours(search);
      search.save(saved);
      before = search.search(solid(8, 8, Color.YELLOW), 3);

      search.add("late", solid(8, 8, Color.YELLOW), Map.of());
      index[0].failNextSave();
      assertThatThrownBy(() -> search.save(saved)).hasMessageContaining("simulated crash");
    }

    try (VisualSearch reopened =
        VisualSearch.builder().embedder(embedder).index(ReferenceIndex.factory()).open(saved)) {
      assertThat(reopened.size()).isEqualTo(5);
      assertThat(reopened.search(solid(8, 8, Color.YELLOW), 3)).isEqualTo(before);
    }
  }

  @Test
  void refusesToSaveIntoAFolderOfOtherFiles() throws IOException {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.writeString(photos.resolve("holiday.jpg"), "x");
    try (VisualSearch search = newCollection()) {
      addColours(search);
      assertThatThrownBy(() -> search.save(photos))
          .isInstanceOf(java.nio.file.FileAlreadyExistsException.class)
          .hasMessageContaining("not a visualsearch collection")
          .hasMessageContaining("holiday.jpg");
    }
    assertThat(fileNames(photos)).containsExactly("holiday.jpg");
  }

  @Test
  void clustersGroupSimilarColoursAndNameARepresentative() throws IOException {
    try (VisualSearch search = newCollection()) {
      assertThat(search.cluster(KMeans.builder(2).build())).isEmpty();
      search.add("red-1", solid(8, 8, Color.RED), Map.of());
      search.add("red-2", solid(8, 8, new Color(240, 10, 0)), Map.of());
      search.add("red-3", solid(8, 8, new Color(250, 0, 20)), Map.of());
      search.add("blue-1", solid(8, 8, Color.BLUE), Map.of());
      search.add("blue-2", solid(8, 8, new Color(0, 10, 240)), Map.of());

      List<ImageCluster> clusters = search.cluster(KMeans.builder(2).seed(1).build());

      assertThat(clusters).hasSize(2);
      assertThat(clusters.get(0).members()).containsExactly("red-1", "red-2", "red-3");
      assertThat(clusters.get(0).representative()).startsWith("red-");
      assertThat(clusters.get(1).members()).containsExactly("blue-1", "blue-2");
      assertThat(clusters.get(1).index()).isEqualTo(1);
    }
  }

  @Test
  void similarLeavesOutTheItemAndItsNearDuplicatesAndCanDiversify() throws IOException {
    try (VisualSearch search = newCollection()) {
      search.add("query", unit(1, 0, 0), Map.of());
      search.add("copy", unit(1, 0.01f, 0), Map.of());
      search.add("a1", unit(0.8f, 0.6f, 0), Map.of());
      search.add("a2", unit(0.78f, 0.6f, 0.05f), Map.of());
      search.add("b", unit(0.7f, 0, 0.714f), Map.of());

      assertThat(search.similar("query", 2).ids()).containsExactly("a1", "a2");
      assertThat(search.similar("query", 5).ids()).containsExactly("a1", "a2", "b");
      assertThat(search.similar("query", 2, SimilarOptions.defaults().relevanceWeight(0.5)).ids())
          .containsExactly("a1", "b");
      assertThat(search.similar("query", 5, SimilarOptions.defaults().duplicateCosine(1.5)).ids())
          .containsExactly("copy", "a1", "a2", "b");
      assertThat(
              search.similar("query", 5, SimilarOptions.defaults().filter(id -> id.startsWith("a"))).ids())
          .containsExactly("a1", "a2");
      assertThatThrownBy(() -> search.similar("nobody", 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no item 'nobody'");
    }
  }

  /** A 12-d vector (the test embedder's length) with the given first components. */
  private static float[] unit(float x, float y, float z) {
    float[] vector = new float[12];
    vector[0] = x;
    vector[1] = y;
    vector[2] = z;
    return vector;
  }

  private static void addColours(VisualSearch search) {
    search.add("red", solid(8, 8, Color.RED), Map.of());
    search.add("green", solid(8, 8, Color.GREEN), Map.of());
    search.add("blue", solid(8, 8, Color.BLUE), Map.of());
    search.add("yellow", solid(8, 8, Color.YELLOW), Map.of());
    search.add("orange", solid(8, 8, Color.ORANGE), Map.of());
  }

  private static java.util.List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
