package dev.visualsearch.index.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.FolderReport;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade, unchanged, drives the Cassandra index through its factory: it indexes a folder of
 * real photos with the real model, searches, saves, and opens the collection again, with the
 * same answers as the exact index.
 */
@ExtendWith(SingleNode.class)
class CassandraVisualSearchTest {

  @TempDir Path dir;

  @Test
  void indexesAndSearchesAFolderThenReopens() throws Exception {
    String table = SingleNode.freshTable();
    VectorIndexFactory factory =
        CassandraIndex.factory(
            b -> b.contactPoints(SingleNode.node().contactPoint()).keyspace("tests").table(table));
    Path folder = SharedData.data("pairs");
    List<Path> queries = List.of(folder.resolve("box.png"), SharedData.data("photos").resolve(firstPhoto()));
    Path saved = dir.resolve("collection");
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build()) {
      SearchResult[] expected = new SearchResult[queries.size()];
      try (VisualSearch exact = VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).build()) {
        exact.addFolder(folder);
        for (int i = 0; i < queries.size(); i++) {
          expected[i] = exact.search(queries.get(i), 5);
        }
      }

      try (VisualSearch search = VisualSearch.builder().embedder(embedder).index(factory).build()) {
        FolderReport report = search.addFolder(folder);
        assertThat(report.added()).isEqualTo(22);
        assertThat(search.size()).isEqualTo(22);
        assertThat(search.search(folder.resolve("box.png"), 1).ids()).containsExactly("box.png");
        for (int i = 0; i < queries.size(); i++) {
          assertThat(search.search(queries.get(i), 5).ids()).as("query %s", queries.get(i))
              .isEqualTo(expected[i].ids());
        }
        search.save(saved);
      }

      try (VisualSearch reopened = VisualSearch.builder().embedder(embedder).index(factory).open(saved)) {
        assertThat(reopened.size()).isEqualTo(22);
        for (int i = 0; i < queries.size(); i++) {
          assertThat(reopened.search(queries.get(i), 5).ids()).isEqualTo(expected[i].ids());
        }
      }
    }
  }

  private static String firstPhoto() throws Exception {
    try (var files = java.nio.file.Files.list(SharedData.data("photos"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("(?i).*\\.(png|jpe?g)")).sorted().findFirst().orElseThrow();
    }
  }
}
