package dev.visualsearch.index.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.embed.onnx.testing.RealEmbeddings;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.testing.Recall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recall@10 on real 1280-d image embeddings (the shared photos and augmented copies of them,
 * embedded by MobileNetV2) against the exact {@link FlatIndex}, on a real node: unfiltered, with
 * a broad and a narrow filter, and after removing a third of the items. One table serves all
 * tests (creating one costs seconds), so the removal runs last.
 */
@ExtendWith(SingleNode.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraRealEmbeddingsTest {

  private static RealEmbeddings data;
  private static float[][] queries;
  private static CassandraIndex index;
  private static FlatIndex exact;

  @BeforeAll
  static void fill() {
    data = RealEmbeddings.get();
    queries = data.queries.toArray(new float[0][]);
    index = SingleNode.builder(data.dimension, Metric.COSINE).build();
    exact = FlatIndex.create(data.dimension, Metric.COSINE);
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < data.ids.size(); i++) {
      items.put(data.ids.get(i), data.indexed.get(i));
      exact.add(data.ids.get(i), data.indexed.get(i));
    }
    long start = System.nanoTime();
    index.addAll(items);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "wrote %d %d-d vectors in %.2f s (%.0f/s)%n",
        items.size(), data.dimension, seconds, items.size() / seconds);
  }

  @AfterAll
  static void close() throws Exception {
    if (index != null) {
      index.close();
    }
  }

  @Test
  @Order(1)
  void holdsEveryVector() {
    assertThat(index.size()).isEqualTo(data.ids.size());
    assertThat(index.vector(data.ids.get(7))).get().isEqualTo(exact.vector(data.ids.get(7)).get());
  }

  @Test
  @Order(2)
  void recallAtLeast095() {
    long start = System.nanoTime();
    double recall = Recall.at(index, exact, queries, 10, null);
    System.out.printf(
        "real embeddings on Cassandra: recall@10 %.4f (%d queries, %.1f ms per query incl. exact)%n",
        recall, queries.length, (System.nanoTime() - start) / 1e6 / queries.length);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  @Order(3)
  void broadFilter() {
    Predicate<String> tuxpaint = id -> id.startsWith("data/tuxpaint/") && !id.endsWith("#1");
    double recall = Recall.at(index, exact, queries, 10, tuxpaint);
    System.out.printf("real embeddings on Cassandra, broad filter: recall@10 %.4f%n", recall);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  @Order(4)
  void narrowFilterStillFindsKHits() {
    // About 5% of the items: the search has to ask for more neighbours, or scan.
    Predicate<String> pairs = id -> id.startsWith("data/pairs/");
    double recall = Recall.at(index, exact, queries, 10, pairs);
    System.out.printf("real embeddings on Cassandra, narrow filter: recall@10 %.4f%n", recall);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
    assertThat(index.search(queries[0], 10, pairs).size()).isEqualTo(10);
  }

  @Test
  @Order(5)
  void filterNothingPassesGivesNoHits() {
    assertThat(index.search(queries[0], 10, id -> false).isEmpty()).isTrue();
  }

  @Test
  @Order(10)
  void recallAfterRemovingAThird() {
    for (int i = 0; i < data.ids.size(); i += 3) {
      assertThat(index.remove(data.ids.get(i))).isTrue();
      exact.remove(data.ids.get(i));
    }

    double recall = Recall.at(index, exact, queries, 10, null);

    System.out.printf("real embeddings on Cassandra, a third removed: recall@10 %.4f%n", recall);
    assertThat(index.size()).isEqualTo(exact.size());
    assertThat(index.contains(data.ids.get(0))).isFalse();
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }
}
