package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.embed.onnx.testing.RealEmbeddings;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall@10 on real image embeddings (the shared photos and augmented copies of them, embedded
 * by MobileNetV2) against the exact {@link FlatIndex}: at the default settings, with a filter,
 * and after removing a third of the items.
 */
class HnswRealEmbeddingsTest {

  private static RealEmbeddings data;
  private static float[][] queries;

  @BeforeAll
  static void embed() {
    data = RealEmbeddings.get();
    queries = data.queries.toArray(new float[0][]);
  }

  private static HnswIndex index() {
    return HnswIndex.builder(data.dimension, Metric.COSINE).build();
  }

  private static FlatIndex fill(HnswIndex index) {
    FlatIndex exact = FlatIndex.create(data.dimension, Metric.COSINE);
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < data.ids.size(); i++) {
      items.put(data.ids.get(i), data.indexed.get(i));
      exact.add(data.ids.get(i), data.indexed.get(i));
    }
    index.addAll(items);
    return exact;
  }

  @Test
  void defaultSettingsReachRecall095() {
    HnswIndex index = index();
    FlatIndex exact = fill(index);

    double recall = Recall.at(index, exact, queries, 10, index.efSearch(), null);
    double narrow = Recall.at(index, exact, queries, 10, 10, null);

    System.out.printf("real embeddings: recall@10 %.4f at efSearch 64, %.4f at 10%n", recall, narrow);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void filteredRecall() {
    HnswIndex index = index();
    FlatIndex exact = fill(index);
    Predicate<String> tuxpaint = id -> id.startsWith("data/tuxpaint/") && !id.endsWith("#1");

    double recall = Recall.at(index, exact, queries, 10, index.efSearch(), tuxpaint);

    System.out.printf("real embeddings, filtered: recall@10 %.4f%n", recall);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void recallAfterRemovingAThird() {
    HnswIndex index = index();
    FlatIndex exact = fill(index);
    for (int i = 0; i < data.ids.size(); i += 3) {
      index.remove(data.ids.get(i));
      exact.remove(data.ids.get(i));
    }

    double recall = Recall.at(index, exact, queries, 10, index.efSearch(), null);

    System.out.printf("real embeddings, a third removed: recall@10 %.4f%n", recall);
    assertThat(index.size()).isEqualTo(exact.size());
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }
}
