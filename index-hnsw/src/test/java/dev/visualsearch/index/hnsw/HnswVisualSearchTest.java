package dev.visualsearch.index.hnsw;

import static dev.visualsearch.testing.SyntheticImages.quadrants;
import static dev.visualsearch.testing.SyntheticImages.solid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.testing.ColourGridEmbedder;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade drives an HNSW index through its factory: build, search, save, open. */
class HnswVisualSearchTest {

  @TempDir Path dir;

  @Test
  void aCollectionOnTheDefaultFactorySavesAndOpens() throws Exception {
    ColourGridEmbedder embedder = new ColourGridEmbedder();
    Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.CYAN, Color.MAGENTA};
    try (VisualSearch search =
        VisualSearch.builder().embedder(embedder).index(HnswIndex.factory()).build()) {
      for (int i = 0; i < colours.length; i++) {
        search.add("solid-" + i, solid(32, 32, colours[i]), Map.of());
        search.add(
            "mixed-" + i,
            quadrants(32, colours[i], colours[(i + 1) % 6], colours[i], colours[(i + 2) % 6]),
            Map.of());
      }
      assertThat(search.search(solid(32, 32, Color.BLUE), 1).ids()).containsExactly("solid-2");
      search.save(dir.resolve("collection"));
    }

    try (VisualSearch opened =
        VisualSearch.builder().embedder(embedder).index(HnswIndex.factory()).open(dir.resolve("collection"))) {
      assertThat(opened.size()).isEqualTo(12);
      assertThat(opened.search(solid(32, 32, Color.BLUE), 1).ids()).containsExactly("solid-2");
    }
  }
}
