package dev.visualsearch.organize;

import static dev.visualsearch.testing.SyntheticImages.solid;
import static dev.visualsearch.testing.SyntheticImages.writePng;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.CatalogEntry;
import dev.visualsearch.Metric;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.testing.ColourGridEmbedder;
import dev.visualsearch.testing.ReferenceIndex;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearDuplicatesTest {

  @TempDir Path dir;

  private VisualSearch newCollection() {
    return VisualSearch.builder()
        .embedder(new ColourGridEmbedder())
        .index(ReferenceIndex.factory())
        .build();
  }

  @Test
  void groupsNearCopiesAndLeavesDistinctImagesAlone() throws IOException {
    try (VisualSearch search = newCollection()) {
      search.add("red", solid(8, 8, Color.RED), Map.of());
      search.add("red-darker", solid(8, 8, new Color(235, 0, 0)), Map.of());
      search.add("red-tinted", solid(8, 8, new Color(250, 8, 8)), Map.of());
      search.add("blue", solid(8, 8, Color.BLUE), Map.of());
      search.add("green", solid(8, 8, Color.GREEN), Map.of());

      List<DuplicateGroup> groups = search.duplicates(DuplicateOptions.defaults().copyCosine(0.99));

      assertThat(groups).hasSize(1);
      assertThat(groups.get(0).ids()).containsExactlyInAnyOrder("red", "red-darker", "red-tinted");
      assertThat(groups.get(0).exact()).isFalse();
      assertThat(groups.get(0).lowestCosine()).isBetween(0.99, 1.0);
    }
  }

  @Test
  void identicalFilesFormExactGroupsAndTheLargestOldestCopyIsKept() throws IOException {
    Path big = writePng(solid(40, 40, Color.ORANGE), dir.resolve("big.png"));
    Path small = writePng(solid(10, 10, Color.ORANGE), dir.resolve("small.png"));
    Path bigCopy = Files.copy(big, dir.resolve("big-copy.png"));
    Files.setLastModifiedTime(big, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    try (VisualSearch search = newCollection()) {
      search.add("small", small);
      search.add("big-copy", bigCopy);
      search.add("big", big);
      search.add("blue", solid(8, 8, Color.BLUE), Map.of());

      List<DuplicateGroup> groups = search.duplicates(DuplicateOptions.defaults());
      assertThat(groups).hasSize(1);
      DuplicateGroup group = groups.get(0);
      // Most pixels first (big and big-copy tie), then the oldest file: "big".
      assertThat(group.keep()).isEqualTo("big");
      assertThat(group.ids()).containsExactly("big", "big-copy", "small");
      assertThat(group.redundant()).containsExactly("big-copy", "small");
      assertThat(group.exact()).isFalse(); // small.png has other bytes

      List<DuplicateGroup> byName =
          search.duplicates(
              DuplicateOptions.defaults().keep(Comparator.comparing(CatalogEntry::id).reversed()));
      assertThat(byName.get(0).keep()).isEqualTo("small");

      // Only the byte-identical pair when the threshold is out of reach of the small copy.
      search.remove("small");
      DuplicateGroup exact = search.duplicates(DuplicateOptions.defaults()).get(0);
      assertThat(exact.exact()).isTrue();
      assertThat(exact.lowestCosine()).isEqualTo(1.0);
    }
  }

  @Test
  void aGroupLargerThanTheNeighbourCountIsFoundWhole() throws IOException {
    long seed = 4242;
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    try (VisualSearch search = newCollection()) {
      // 40 near-identical vectors and 200 scattered ones; each image first looks at 3 neighbours.
      float[] base = new float[12];
      for (int d = 0; d < 12; d++) {
        base[d] = 1 + random.nextFloat();
      }
      for (int i = 0; i < 40; i++) {
        float[] copy = base.clone();
        copy[random.nextInt(12)] += 0.01f * random.nextFloat();
        search.add(String.format("copy-%02d", i), copy, Map.of());
      }
      for (int i = 0; i < 200; i++) {
        float[] other = new float[12];
        for (int d = 0; d < 12; d++) {
          other[d] = (float) random.nextGaussian();
        }
        search.add("other-" + i, other, Map.of());
      }

      List<DuplicateGroup> groups =
          search.duplicates(DuplicateOptions.defaults().copyCosine(0.999).neighbours(3).threads(3));

      assertThat(groups).hasSize(1);
      assertThat(groups.get(0).size()).isEqualTo(40);
    }
  }

  @Test
  void worksOnOtherMetricsByCosine() {
    ReferenceIndex index = new ReferenceIndex(2, Metric.L2);
    index.add("a", new float[] {10, 0});
    index.add("b", new float[] {1, 0.01f}); // far in L2, same direction
    index.add("c", new float[] {0, 1});
    List<CatalogEntry> entries = new ArrayList<>();
    for (String id : List.of("a", "b", "c")) {
      entries.add(new CatalogEntry(id, null, Map.of()));
    }
    List<DuplicateGroup> groups =
        NearDuplicates.find(entries, index, DuplicateOptions.defaults().copyCosine(0.99));
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).ids()).containsExactly("a", "b");
  }
}
