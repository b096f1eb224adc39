package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Equal scores come back in insertion order, through replacement and compaction. */
class FlatIndexTieTest {

  private static final float[] SAME = {1, 2, 3};
  private static final float[] OTHER = {-3, 0, 1};

  @ParameterizedTest
  @EnumSource(Metric.class)
  void duplicateVectorsComeBackInInsertionOrder(Metric metric) {
    FlatIndex index = FlatIndex.create(3, metric);
    index.add("d", SAME);
    index.add("other", OTHER);
    index.add("b", SAME);
    index.add("a", SAME);
    index.add("c", SAME);

    SearchResult result = index.search(SAME, 10);

    assertThat(result.ids()).containsExactly("d", "b", "a", "c", "other");
    assertThat(result.get(0).score()).isEqualTo(result.get(3).score());
    // Ties are cut by insertion order too: k=2 keeps the two earliest.
    assertThat(index.search(SAME, 2).ids()).containsExactly("d", "b");
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void reAddedItemIsLastAmongEquals(Metric metric) {
    FlatIndex index = FlatIndex.create(3, metric);
    for (String id : List.of("a", "b", "c", "d")) {
      index.add(id, SAME);
    }
    index.remove("b");
    index.add("b", SAME);
    index.add("a", SAME); // replace without remove

    assertThat(index.search(SAME, 10).ids()).containsExactly("c", "d", "b", "a");
    assertThat(index.size()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void compactionPreservesOrderAndIds(Metric metric) {
    FlatIndex index = FlatIndex.create(3, metric);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      index.add("id-" + i, SAME);
      expected.add("id-" + i);
    }
    // Remove every third item: more than a quarter of the rows become tombstones on the way.
    int rowsBefore = index.rowsForTesting();
    for (int i = 0; i < 40; i += 3) {
      index.remove("id-" + i);
      expected.remove("id-" + i);
    }
    index.add("id-5", SAME);
    expected.remove("id-5");
    expected.add("id-5");
    assertThat(index.rowsForTesting())
        .as("tombstones were compacted away")
        .isLessThan(rowsBefore)
        .isLessThanOrEqualTo((int) Math.ceil(index.size() / (1 - VectorStore.COMPACT_FRACTION)));

    SearchResult result = index.search(SAME, 100);

    assertThat(result.ids()).containsExactlyElementsOf(expected);
    for (Hit hit : result.hits()) {
      assertThat(index.vector(hit.id())).isPresent();
    }
    // The vectors moved along with their ids.
    index.add("far", OTHER);
    assertThat(index.search(OTHER, 1).ids()).containsExactly("far");
  }
}
