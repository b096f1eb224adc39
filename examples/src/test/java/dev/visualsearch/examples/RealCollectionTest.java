package dev.visualsearch.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.CatalogEntry;
import dev.visualsearch.FolderReport;
import dev.visualsearch.Hit;
import dev.visualsearch.IncompatibleCollectionException;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collection of real photos embedded by the real model: persistence and concurrency. */
class RealCollectionTest {

  @TempDir Path dir;

  private static OnnxImageEmbedder embedder;
  private static List<Path> queries;

  @BeforeAll
  static void loadModel() throws IOException {
    embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
    try (Stream<Path> files = Files.list(SharedData.data("pairs"))) {
      queries = files.filter(p -> p.toString().matches(".*\\.(jpg|png)")).sorted().toList();
    }
  }

  @AfterAll
  static void closeModel() {
    embedder.close();
  }

  private VisualSearch.Builder builder() {
    return VisualSearch.builder().embedder(embedder).index(FlatIndex.factory());
  }

  @Test
  void saveThenOpenGivesIdenticalResults() throws IOException {
    Path saved = dir.resolve("collection");
    List<SearchResult> before = new ArrayList<>();
    try (VisualSearch search = builder().build()) {
      FolderReport report = search.addFolder(SharedData.data("pairs"));
      search.addFolder(SharedData.data("photos"));
      assertThat(report.added()).isEqualTo(22);
      for (Path query : queries) {
        before.add(search.search(query, 10));
      }
      search.save(saved);
    }

    try (VisualSearch reopened = builder().open(saved)) {
      assertThat(reopened.size()).isEqualTo(22 + 17);
      for (int i = 0; i < queries.size(); i++) {
        assertThat(reopened.search(queries.get(i), 10)).as("query %s", queries.get(i)).isEqualTo(before.get(i));
      }
      CatalogEntry entry = reopened.entry("box.png").orElseThrow();
      assertThat(entry.source()).contains(SharedData.data("pairs/box.png").toAbsolutePath().toString());
    }
  }

  @Test
  void openingWithTheOtherModelFailsWithAClearMessage() throws IOException {
    Path saved = dir.resolve("collection");
    try (VisualSearch search = builder().build()) {
      search.addFolder(SharedData.data("pairs"));
      search.save(saved);
    }
    try (OnnxImageEmbedder other = OnnxImageEmbedder.builder(SharedData.mobileNetV2St()).build()) {
      assertThatThrownBy(() -> VisualSearch.builder().embedder(other).index(FlatIndex.factory()).open(saved))
          .isInstanceOf(IncompatibleCollectionException.class)
          .hasMessageContaining("another embedder")
          .hasMessageContaining(embedder.modelSha256())
          .hasMessageContaining(other.modelSha256());
    }
  }

  @Test
  void oneFlippedByteInTheIndexFileIsDetectedOnOpen() throws IOException {
    Path saved = dir.resolve("collection");
    try (VisualSearch search = builder().build()) {
      search.addFolder(SharedData.data("pairs"));
      search.save(saved);
    }
    Path indexFile;
    try (Stream<Path> files = Files.list(saved)) {
      indexFile = files.filter(p -> p.toString().endsWith(".vsi")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(indexFile);
    int position = bytes.length * 2 / 3; // inside the vectors
    bytes[position] ^= 0x04;
    Files.write(indexFile, bytes);

    assertThatThrownBy(() -> builder().open(saved))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(indexFile.getFileName().toString())
        .hasMessageContaining("checksum");
  }

  @Test
  void fourSearchersAndAWriterRunTogetherWithoutErrorsOrInconsistentAnswers() throws Exception {
    List<Path> extra;
    try (Stream<Path> files = Files.walk(SharedData.data("tuxpaint"))) {
      extra = files.filter(p -> p.toString().endsWith(".png")).sorted().limit(80).toList();
    }
    try (VisualSearch search = builder().build()) {
      search.addFolder(SharedData.data("pairs"));
      int initial = search.size();
      List<float[]> queryVectors = new ArrayList<>();
      List<String> queryIds = new ArrayList<>();
      for (Path query : queries) {
        queryVectors.add(embedder.embed(dev.visualsearch.image.ImageDecoder.defaults().decode(query)));
        queryIds.add(query.getFileName().toString());
      }

      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      int[] searchesDone = new int[4];
      for (int t = 0; t < 4; t++) {
        int searcher = t;
        threads.add(new Thread(() -> {
          try {
            start.await();
            int i = searcher;
            while (writing.get() || searchesDone[searcher] < 50) {
              int q = i++ % queryVectors.size();
              SearchResult result = search.search(queryVectors.get(q), 5, null);
              checkConsistent(search, result, queryIds.get(q));
              searchesDone[searcher]++;
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "searcher-" + t));
      }
      threads.add(new Thread(() -> {
        try {
          start.await();
          for (Path file : extra) {
            search.add("extra/" + file.getFileName(), file);
          }
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          writing.set(false);
        }
      }, "writer"));
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread thread : threads) {
        thread.join(TimeUnit.MINUTES.toMillis(5));
        assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
      }

      assertThat(failures).isEmpty();
      assertThat(search.size()).isEqualTo(initial + extra.size());
      System.out.printf("searches per thread while writing: %s%n", java.util.Arrays.toString(searchesDone));
    }
  }

  /**
   * A result is consistent when it is sorted, its first hit is the query's own image (already
   * indexed before the writer started, and nothing scores above an identical vector), and every
   * hit has its catalogue entry.
   */
  private static void checkConsistent(VisualSearch search, SearchResult result, String queryId) {
    assertThat(result.size()).isEqualTo(5);
    assertThat(result.get(0).id()).isEqualTo(queryId);
    assertThat(result.get(0).score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
    for (int i = 1; i < result.size(); i++) {
      assertThat(result.get(i).score()).isLessThanOrEqualTo(result.get(i - 1).score());
    }
    for (Hit hit : result.hits()) {
      assertThat(search.entry(hit.id())).as("catalogue entry of %s", hit.id()).isPresent();
    }
  }
}
