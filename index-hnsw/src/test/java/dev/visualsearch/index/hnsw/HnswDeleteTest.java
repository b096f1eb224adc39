package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deletes do not let recall rot: after removing (or replacing) a large share of the items, with
 * and without the compaction that repairs the graph, recall against the exact answers over the
 * remaining items still meets the bar, removed items never come back, and compaction gives the
 * nodes back.
 */
class HnswDeleteTest {

  private static final int N = 10_000;
  private static final int QUERIES = 100;

  @ParameterizedTest(name = "remove {0}%")
  @ValueSource(ints = {10, 24, 30, 50, 80, 95})
  void recallAfterRemovingAShareOfTheItems(int percent) {
    SplittableRandom random = TestVectors.seeded("remove " + percent + "%", 1000 + percent);
    float[][] vectors = TestVectors.clustered(random, N + QUERIES);
    HnswIndex index = HnswIndex.builder(64, Metric.L2).buildThreads(2).build();
    FlatIndex exact = Recall.fill(index, Arrays.copyOf(vectors, N));
    float[][] queries = Arrays.copyOfRange(vectors, N, N + QUERIES);

    int removed = 0;
    for (int i = 0; i < N; i++) {
      if (random.nextInt(100) < percent) {
        index.remove("v" + i);
        exact.remove("v" + i);
        removed++;
      }
    }
    double recall = Recall.at(index, exact, queries, 10, index.efSearch(), null);

    System.out.printf(
        "removed %d of %d: %d nodes left in the graph, recall@10 %.4f%n",
        removed, N, index.nodesForTesting(), recall);
    assertThat(index.size()).isEqualTo(N - removed);
    assertThat(index.nodesForTesting())
        .as("tombstones stay within their share")
        .isLessThanOrEqualTo((int) ((N - removed) / (1 - HnswIndex.COMPACT_FRACTION)) + 1);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
    for (float[] query : queries) {
      for (String id : index.search(query, 10).ids()) {
        assertThat(exact.contains(id)).as("%s was removed", id).isTrue();
      }
    }
  }

  @Test
  void replacingEveryVectorTwiceKeepsRecall() {
    SplittableRandom random = TestVectors.seeded("replace", 4242);
    float[][] first = TestVectors.clustered(random, 3_000);
    float[][] second = TestVectors.clustered(random, 3_000 + QUERIES);
    HnswIndex index = HnswIndex.builder(64, Metric.COSINE).buildThreads(2).build();
    Recall.fill(index, first);
    FlatIndex exact = Recall.fill(index, Arrays.copyOf(second, 3_000));
    // Replace again one at a time: the single-add path with its own tombstones.
    for (int i = 0; i < 3_000; i += 2) {
      index.add("v" + i, first[i]);
      exact.add("v" + i, first[i]);
    }

    double recall =
        Recall.at(index, exact, Arrays.copyOfRange(second, 3_000, 3_000 + QUERIES), 10, 64, null);

    System.out.printf("after replacing: %d nodes, recall@10 %.4f%n", index.nodesForTesting(), recall);
    assertThat(index.size()).isEqualTo(3_000);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void compactionKeepsTheSearchOrderOfTheRemainingItems() {
    HnswIndex index = HnswIndex.builder(2, Metric.L2).buildThreads(1).build();
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      items.put("twin-" + i, new float[] {1, 1});
    }
    index.addAll(items);
    for (int i = 0; i < 100; i += 3) {
      index.remove("twin-" + i);
    }
    assertThat(index.nodesForTesting()).as("compacted").isLessThan(100);

    assertThat(index.search(new float[] {1, 1}, 4, null, 100).ids())
        .containsExactly("twin-1", "twin-2", "twin-4", "twin-5");
  }
}
