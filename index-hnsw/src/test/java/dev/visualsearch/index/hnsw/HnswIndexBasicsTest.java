package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@code VectorIndex} does, on an HNSW index small enough to check by hand. */
class HnswIndexBasicsTest {

  private static HnswIndex index(Metric metric) {
    return HnswIndex.builder(3, metric).buildThreads(1).build();
  }

  @Test
  void emptyIndexFindsNothing() {
    HnswIndex index = index(Metric.L2);

    assertThat(index.size()).isZero();
    assertThat(index.search(new float[] {1, 2, 3}, 5).isEmpty()).isTrue();
    assertThat(index.contains("a")).isFalse();
    assertThat(index.vector("a")).isEmpty();
  }

  @Test
  void findsTheNearestFirstWithL2Scores() {
    HnswIndex index = index(Metric.L2);
    index.add("origin", new float[] {0, 0, 0});
    index.add("near", new float[] {1, 0, 0});
    index.add("far", new float[] {0, 3, 4});

    SearchResult result = index.search(new float[] {0.9f, 0, 0}, 2);

    assertThat(result.ids()).containsExactly("near", "origin");
    assertThat(result.get(0).score()).isCloseTo(-0.01f, offset(1e-6f));
    assertThat(result.get(1).score()).isCloseTo(-0.81f, offset(1e-6f));
  }

  @Test
  void kLargerThanTheIndexReturnsEverything() {
    HnswIndex index = index(Metric.INNER_PRODUCT);
    index.add("a", new float[] {1, 0, 0});
    index.add("b", new float[] {2, 0, 0});

    assertThat(index.search(new float[] {1, 0, 0}, 10).ids()).containsExactly("b", "a");
  }

  @Test
  void cosineStoresUnitVectorsAndScoresTheCosine() {
    HnswIndex index = index(Metric.COSINE);
    index.add("a", new float[] {3, 4, 0});

    assertThat(index.vector("a").orElseThrow()).containsExactly(0.6f, 0.8f, 0f);
    assertThat(index.search(new float[] {0, 10, 0}, 1).get(0).score())
        .isCloseTo(0.8f, offset(1e-6f));
  }

  @Test
  void vectorsAreCopiedInAndOut() {
    HnswIndex index = index(Metric.L2);
    float[] vector = {1, 2, 3};
    index.add("a", vector);
    vector[0] = 99;
    index.vector("a").orElseThrow()[1] = 99;

    assertThat(index.vector("a").orElseThrow()).containsExactly(1, 2, 3);
  }

  @Test
  void reAddingAnIdReplacesItsVectorAndMakesItTheNewest() {
    HnswIndex index = index(Metric.L2);
    index.add("a", new float[] {1, 0, 0});
    index.add("b", new float[] {5, 0, 0});
    index.add("a", new float[] {5, 0, 0});

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.vector("a").orElseThrow()).containsExactly(5, 0, 0);
    // Equal scores: the earlier item (b) first, then the replaced one.
    assertThat(index.search(new float[] {5, 0, 0}, 2).ids()).containsExactly("b", "a");
  }

  @Test
  void equalScoresComeInInsertionOrder() {
    HnswIndex index = index(Metric.L2);
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < 200; i++) {
      items.put("twin-" + i, new float[] {1, 1, 1});
    }
    index.addAll(items);

    assertThat(index.search(new float[] {1, 1, 1}, 5, null, 500).ids())
        .containsExactly("twin-0", "twin-1", "twin-2", "twin-3", "twin-4");
  }

  @Test
  void removedItemsAreNotFound() {
    HnswIndex index = index(Metric.L2);
    index.add("a", new float[] {1, 0, 0});
    index.add("b", new float[] {2, 0, 0});

    assertThat(index.remove("a")).isTrue();
    assertThat(index.remove("a")).isFalse();
    assertThat(index.remove("never")).isFalse();
    assertThat(index.contains("a")).isFalse();
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.search(new float[] {1, 0, 0}, 5).ids()).containsExactly("b");
  }

  @Test
  void removingEverythingLeavesAnEmptyIndexThatTakesNewItems() {
    HnswIndex index = index(Metric.COSINE);
    for (int i = 0; i < 20; i++) {
      index.add("x" + i, new float[] {i + 1, 1, 0});
    }
    for (int i = 0; i < 20; i++) {
      index.remove("x" + i);
    }
    assertThat(index.size()).isZero();
    assertThat(index.search(new float[] {1, 0, 0}, 3).isEmpty()).isTrue();

    index.add("new", new float[] {0, 0, 1});
    assertThat(index.search(new float[] {0, 0, 1}, 3).ids()).containsExactly("new");
  }

  @Test
  void settingsAreReported() {
    HnswIndex index =
        HnswIndex.builder(8, Metric.COSINE).m(12).efConstruction(50).efSearch(30).seed(9).build();

    assertThat(index.dimension()).isEqualTo(8);
    assertThat(index.metric()).isEqualTo(Metric.COSINE);
    assertThat(index.m()).isEqualTo(12);
    assertThat(index.efConstruction()).isEqualTo(50);
    assertThat(index.efSearch()).isEqualTo(30);
    assertThat(index.seed()).isEqualTo(9);
    assertThat(index.toString())
        .isEqualTo("HnswIndex[dimension=8, metric=COSINE, m=12, efConstruction=50, efSearch=30, size=0]");
  }

  @Test
  void defaultSettings() {
    HnswIndex index = HnswIndex.builder(8, Metric.L2).build();

    assertThat(index.m()).isEqualTo(HnswIndexBuilder.DEFAULT_M);
    assertThat(index.efConstruction()).isEqualTo(HnswIndexBuilder.DEFAULT_EF_CONSTRUCTION);
    assertThat(index.efSearch()).isEqualTo(HnswIndexBuilder.DEFAULT_EF_SEARCH);
    assertThat(index.seed()).isEqualTo(HnswIndexBuilder.DEFAULT_SEED);
  }

  @Test
  void memoryIsReported() {
    HnswIndex index = HnswIndex.builder(4, Metric.L2).m(8).buildThreads(1).build();
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      items.put("x" + i, new float[] {i, i % 7, i % 13, 1});
    }
    index.addAll(items);

    // At least the vectors and the layer-0 records (2·8 + 1 ints per node).
    assertThat(index.vectorBytes()).isGreaterThanOrEqualTo(1000L * 4 * Float.BYTES);
    assertThat(index.graphBytes()).isGreaterThanOrEqualTo(1000L * 17 * Integer.BYTES);
    assertThat(index.graphBytes()).isLessThan(1000L * 17 * Integer.BYTES * 2);
  }

  @Test
  void aClosedIndexRefusesUse() {
    HnswIndex index = index(Metric.L2);
    index.add("a", new float[] {1, 0, 0});
    index.close();
    index.close();

    assertThat(index.dimension()).isEqualTo(3);
    assertThatThrownBy(() -> index.search(new float[] {1, 0, 0}, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the index is closed");
    assertThatThrownBy(() -> index.add("b", new float[] {1, 0, 0}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.remove("a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.contains("a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(index::size).isInstanceOf(IllegalStateException.class);
  }
}
