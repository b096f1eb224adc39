package dev.visualsearch.index.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Adds, reads, replaces, removes and searches on a real node, with each metric. */
@ExtendWith(SingleNode.class)
class CassandraIndexBasicsTest {

  @Test
  void addReadReplaceRemove() throws Exception {
    try (CassandraIndex index = SingleNode.builder(3, Metric.L2).build()) {
      assertThat(index.size()).isZero();
      index.add("a", new float[] {1, 2, 3});
      index.add("b", new float[] {4, 5, 6});

      assertThat(index.size()).isEqualTo(2);
      assertThat(index.contains("a")).isTrue();
      assertThat(index.contains("zzz")).isFalse();
      assertThat(index.vector("b")).get().isEqualTo(new float[] {4, 5, 6});

      index.add("a", new float[] {7, 8, 9});
      assertThat(index.vector("a")).get().isEqualTo(new float[] {7, 8, 9});
      assertThat(index.size()).isEqualTo(2);

      assertThat(index.remove("a")).isTrue();
      assertThat(index.remove("a")).isFalse();
      assertThat(index.contains("a")).isFalse();
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void scoresFollowTheLibrarysConventionForEachMetric() throws Exception {
    float[] query = {0.6f, 0.8f, 0f};
    Map<String, float[]> items = new LinkedHashMap<>();
    items.put("same", new float[] {0.6f, 0.8f, 0f});
    items.put("near", new float[] {0.8f, 0.6f, 0f});
    items.put("far", new float[] {0f, 0f, 1f});
    for (Metric metric : Metric.values()) {
      try (CassandraIndex index = SingleNode.builder(3, metric).build()) {
        index.addAll(items);

        SearchResult result = index.search(query, 3);

        assertThat(result.ids()).as(metric.name()).containsExactly("same", "near", "far");
        for (int rank = 0; rank < 3; rank++) {
          String id = result.get(rank).id();
          assertThat(result.get(rank).score())
              .as(metric + " score of " + id)
              .isCloseTo(metric.score(query, items.get(id)), org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
    }
  }

  @Test
  void cosineStoresNormalisedVectors() throws Exception {
    try (CassandraIndex index = SingleNode.builder(2, Metric.COSINE).build()) {
      index.add("x", new float[] {3, 4});
      assertThat(index.vector("x")).get().isEqualTo(new float[] {0.6f, 0.8f});
    }
  }

  @Test
  void innerProductNeedsUnitVectors() throws Exception {
    try (CassandraIndex index = SingleNode.builder(2, Metric.INNER_PRODUCT).build()) {
      assertThatThrownBy(() -> index.add("x", new float[] {3, 4}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("length 5.0")
          .hasMessageContaining("unit-length");
    }
  }

  @Test
  void kLargerThanTheIndexReturnsEverything() throws Exception {
    try (CassandraIndex index = SingleNode.builder(2, Metric.L2).build()) {
      index.add("a", new float[] {1, 0});
      index.add("b", new float[] {0, 1});
      assertThat(index.search(new float[] {1, 0}, 50).ids()).containsExactly("a", "b");
    }
  }

  @Test
  void aFilterThatThrowsIsNotDisguisedAsAClusterError() throws Exception {
    try (CassandraIndex index = SingleNode.builder(2, Metric.L2).build()) {
      index.add("a", new float[] {1, 0});
      assertThatThrownBy(() -> index.search(new float[] {1, 0}, 1, id -> {
            throw new IllegalStateException("filter failed on " + id);
          }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("filter failed on a");
    }
  }

  @Test
  void emptyIndexAnswersNothing() throws Exception {
    try (CassandraIndex index = SingleNode.builder(2, Metric.L2).build()) {
      assertThat(index.search(new float[] {1, 0}, 5).isEmpty()).isTrue();
    }
  }
}
