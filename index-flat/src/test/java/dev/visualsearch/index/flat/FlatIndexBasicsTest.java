package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.visualsearch.Metric;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** add, remove, contains, size and vector behave like a map from id to a copied vector. */
class FlatIndexBasicsTest {

  @Test
  void newIndexIsEmpty() {
    FlatIndex index = FlatIndex.create(4, Metric.L2);

    assertThat(index.dimension()).isEqualTo(4);
    assertThat(index.metric()).isEqualTo(Metric.L2);
    assertThat(index.size()).isZero();
    assertThat(index.contains("a")).isFalse();
    assertThat(index.vector("a")).isEmpty();
    assertThat(index.search(new float[4], 3).isEmpty()).isTrue();
  }

  @Test
  void addRemoveContainsAndSize() {
    FlatIndex index = FlatIndex.create(2, Metric.INNER_PRODUCT);
    index.add("a", new float[] {1, 2});
    index.add("b", new float[] {3, 4});

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.contains("a")).isTrue();

    assertThat(index.remove("a")).isTrue();
    assertThat(index.remove("a")).isFalse();
    assertThat(index.remove("never-added")).isFalse();
    assertThat(index.contains("a")).isFalse();
    assertThat(index.vector("a")).isEmpty();
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.search(new float[] {1, 1}, 5).ids()).containsExactly("b");
  }

  @Test
  void reAddingAnIdReplacesItsVector() {
    FlatIndex index = FlatIndex.create(2, Metric.L2);
    index.add("a", new float[] {1, 2});
    index.add("a", new float[] {5, 6});

    assertThat(index.size()).isEqualTo(1);
    assertThat(index.vector("a")).hasValueSatisfying(v -> assertThat(v).containsExactly(5, 6));
    assertThat(index.search(new float[] {5, 6}, 5).hits()).singleElement()
        .satisfies(hit -> assertThat(hit.score()).isZero());
  }

  @Test
  void vectorIsACopyBothWays() {
    FlatIndex index = FlatIndex.create(3, Metric.L2);
    float[] input = {1, 2, 3};
    index.add("a", input);

    input[0] = 100; // the caller reuses its array
    float[] output = index.vector("a").orElseThrow();
    output[1] = 100; // the caller scribbles on what it got

    assertThat(index.vector("a").orElseThrow()).containsExactly(1, 2, 3);
    assertThat(output).isNotSameAs(index.vector("a").orElseThrow());
  }

  @Test
  void queryArrayIsNotModified() {
    FlatIndex index = FlatIndex.create(2, Metric.COSINE);
    index.add("a", new float[] {3, 4});
    float[] query = {6, 8};

    index.search(query, 1);

    assertThat(query).containsExactly(6, 8);
  }

  @Test
  void cosineStoresUnitVectorsAndScoresCosines() {
    FlatIndex index = FlatIndex.create(2, Metric.COSINE);
    index.add("a", new float[] {3, 4});
    index.add("b", new float[] {0, -2});

    assertThat(index.vector("a").orElseThrow()).containsExactly(0.6f, 0.8f);
    var hits = index.search(new float[] {30, 40}, 2).hits();
    assertThat(hits.get(0).id()).isEqualTo("a");
    assertThat(hits.get(0).score()).isCloseTo(1f, offset(1e-6f));
    assertThat(hits.get(1).score()).isCloseTo(-0.8f, offset(1e-6f));
  }

  @Test
  void l2AndInnerProductScoresFollowTheMetric() {
    FlatIndex l2 = FlatIndex.create(2, Metric.L2);
    FlatIndex dot = FlatIndex.create(2, Metric.INNER_PRODUCT);
    for (VectorIndex index : new VectorIndex[] {l2, dot}) {
      index.add("a", new float[] {1, 2});
    }

    assertThat(l2.search(new float[] {4, 6}, 1).get(0).score()).isEqualTo(-25f);
    assertThat(dot.search(new float[] {4, 6}, 1).get(0).score()).isEqualTo(16f);
  }

  @Test
  void innerProductOverflowRanksLast() {
    FlatIndex index = FlatIndex.create(2, Metric.INNER_PRODUCT);
    index.add("overflows", new float[] {1e30f, -1e30f}); // float products: ∞ + (−∞) = NaN
    index.add("fine", new float[] {1, 1});

    var hits = index.search(new float[] {1e30f, 1e30f}, 2).hits();

    assertThat(hits).extracting(hit -> hit.id()).containsExactly("fine", "overflows");
    assertThat(hits.get(1).score()).isEqualTo(Float.NEGATIVE_INFINITY);
  }

  @Test
  void kLargerThanSizeReturnsEverything() {
    FlatIndex index = FlatIndex.create(1, Metric.L2);
    index.add("a", new float[] {1});
    index.add("b", new float[] {2});

    assertThat(index.search(new float[] {0}, Integer.MAX_VALUE).ids()).containsExactly("a", "b");
  }

  @Test
  void factoryCreatesAndOpensFlatIndexes(@TempDir Path dir) throws Exception {
    VectorIndexFactory factory = FlatIndex.factory();
    VectorIndex index = factory.create(2, Metric.COSINE);
    index.add("a", new float[] {1, 1});
    index.save(dir.resolve("index"));

    VectorIndex opened = factory.open(dir.resolve("index"));

    assertThat(factory.name()).isEqualTo("flat");
    assertThat(factory).isSameAs(FlatIndex.factory());
    assertThat(index).isInstanceOf(FlatIndex.class);
    assertThat(opened).isInstanceOf(FlatIndex.class);
    assertThat(opened.contains("a")).isTrue();
  }

  @Test
  void toStringNamesShape() {
    FlatIndex index = FlatIndex.create(3, Metric.COSINE);
    index.add("a", new float[] {1, 0, 0});

    assertThat(index).hasToString("FlatIndex[dimension=3, metric=COSINE, encoding=FLOAT32, size=1]");
  }

  @Test
  void growsPastInitialCapacity() {
    FlatIndex index = FlatIndex.create(5, Metric.L2);
    for (int i = 0; i < 1000; i++) {
      index.add("id-" + i, new float[] {i, 0, 0, 0, 0});
    }

    assertThat(index.size()).isEqualTo(1000);
    assertThat(index.vector("id-999").orElseThrow()).containsExactly(999, 0, 0, 0, 0);
    assertThat(index.search(new float[] {500.2f, 0, 0, 0, 0}, 1).ids()).containsExactly("id-500");
  }
}
