package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Metric;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong input is refused with a message that names the value; nothing is half-added. */
class HnswIndexValidationTest {

  private final HnswIndex index = HnswIndex.builder(3, Metric.COSINE).buildThreads(1).build();

  @Test
  void vectorsOfTheWrongLengthNaNOrZero() {
    assertThatThrownBy(() -> index.add("a", new float[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector dimension 2 != index dimension 3");
    assertThatThrownBy(() -> index.add("a", new float[] {1, Float.NaN, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector holds NaN at position 1");
    assertThatThrownBy(() -> index.add("a", new float[] {0, 0, Float.NEGATIVE_INFINITY}))
        .hasMessage("vector holds -Infinity at position 2");
    assertThatThrownBy(() -> index.add("a", new float[] {0, 0, 0}))
        .hasMessage("vector is all zeros; cosine is undefined for a zero vector");
    assertThat(index.size()).isZero();
  }

  @Test
  void queriesAndKAndEfSearch() {
    index.add("a", new float[] {1, 0, 0});

    assertThatThrownBy(() -> index.search(new float[] {1, 0, 0}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be at least 1: 0");
    assertThatThrownBy(() -> index.search(new float[] {1, 0, 0}, 1, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("efSearch must be at least 1: 0");
    assertThatThrownBy(() -> index.search(new float[] {1, 0}, 1))
        .hasMessage("query dimension 2 != index dimension 3");
    assertThatThrownBy(() -> index.search(new float[] {Float.NaN, 0, 0}, 1))
        .hasMessage("query holds NaN at position 0");
  }

  @Test
  void nulls() {
    assertThatThrownBy(() -> index.add(null, new float[] {1, 0, 0}))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> index.add("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("vector");
    assertThatThrownBy(() -> index.search(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("query");
    assertThatThrownBy(() -> index.remove(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> index.contains(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> index.vector(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> index.save(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> index.addAll(null)).isInstanceOf(NullPointerException.class);
    Map<String, float[]> nullKey = new HashMap<>();
    nullKey.put(null, new float[] {1, 0, 0});
    assertThatThrownBy(() -> index.addAll(nullKey)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aBatchWithOneBadVectorAddsNothing() {
    Map<String, float[]> items = new LinkedHashMap<>();
    items.put("good", new float[] {1, 0, 0});
    items.put("bad", new float[] {1, 0});

    assertThatThrownBy(() -> index.addAll(items))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector of 'bad' dimension 2 != index dimension 3");
    assertThat(index.size()).isZero();
  }

  @Test
  void builderChecksEachValueAtOnce() {
    assertThatThrownBy(() -> HnswIndex.builder(0, Metric.L2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimension must be in [1, 65536]: 0");
    assertThatThrownBy(() -> HnswIndex.builder(3, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("metric");
    HnswIndexBuilder builder = HnswIndex.builder(3, Metric.L2);
    assertThatThrownBy(() -> builder.m(1)).hasMessage("m must be in [2, 512]: 1");
    assertThatThrownBy(() -> builder.m(513)).hasMessage("m must be in [2, 512]: 513");
    assertThatThrownBy(() -> builder.efConstruction(0))
        .hasMessage("efConstruction must be in [1, 1048576]: 0");
    assertThatThrownBy(() -> builder.efSearch(-5)).hasMessage("efSearch must be in [1, 1048576]: -5");
    assertThatThrownBy(() -> builder.buildThreads(0))
        .hasMessage("build threads must be in [1, 1024]: 0");
  }

  @Test
  void builderRefusesASecondValue() {
    HnswIndexBuilder builder = HnswIndex.builder(3, Metric.L2).m(8).efSearch(20).seed(1);

    assertThatThrownBy(() -> builder.m(16))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("m was already set to 8");
    assertThatThrownBy(() -> builder.efSearch(30)).hasMessage("efSearch was already set to 20");
    assertThatThrownBy(() -> builder.seed(2)).hasMessage("seed was already set to 1");
  }

  @Test
  void factoryTriesItsConfigurationAtOnce() {
    assertThatThrownBy(() -> HnswIndex.factory(b -> b.m(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m must be in [2, 512]: 0");
    assertThatThrownBy(() -> HnswIndex.factory(b -> null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("the factory's configure function returned null");
    assertThatThrownBy(() -> HnswIndex.factory(null)).isInstanceOf(NullPointerException.class);
  }
}
