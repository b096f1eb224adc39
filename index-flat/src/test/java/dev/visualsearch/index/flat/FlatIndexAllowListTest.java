package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.visualsearch.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link FlatIndex#searchAmong} equals a predicate filter over the same ids. */
class FlatIndexAllowListTest {

  @Test
  void anAllowListEqualsTheSamePredicate() {
    Random random = TestVectors.seeded("allow-list", 8L);
    FlatIndex index = FlatIndex.create(24, Metric.L2);
    float[][] vectors = TestVectors.clustered(random, 600, 24);
    for (int i = 0; i < vectors.length; i++) {
      index.add("v" + i, vectors[i]);
    }
    index.remove("v10");
    for (int size : new int[] {0, 1, 5, 37, 300, 600}) {
      List<String> allowed = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        allowed.add("v" + random.nextInt(vectors.length));
      }
      allowed.add("v10"); // removed: ignored
      allowed.add("not-in-the-index");
      Set<String> set = new HashSet<>(allowed);
      float[] query = TestVectors.gaussian(random, 24);

      assertThat(index.searchAmong(query, 10, allowed).hits())
          .as("allow-list of %d ids", size)
          .isEqualTo(index.search(query, 10, set::contains).hits());
    }
  }

  @Test
  void repeatsAndUnknownIdsAreIgnored() {
    FlatIndex index = FlatIndex.create(1, Metric.L2);
    index.add("a", new float[] {1});
    index.add("b", new float[] {2});
    index.add("c", new float[] {3});

    assertThat(index.searchAmong(new float[] {0}, 5, Arrays.asList("c", "x", "a", "c")).ids())
        .containsExactly("a", "c");
    assertThat(index.searchAmong(new float[] {0}, 5, List.of()).isEmpty()).isTrue();
  }

  @Test
  void nullsAreRejected() {
    FlatIndex index = FlatIndex.create(1, Metric.L2);
    index.add("a", new float[] {1});

    assertThatNullPointerException()
        .isThrownBy(() -> index.searchAmong(new float[] {0}, 1, null))
        .withMessageContaining("allowedIds");
    assertThatNullPointerException()
        .isThrownBy(() -> index.searchAmong(new float[] {0}, 1, Arrays.asList("a", null)));
  }
}
