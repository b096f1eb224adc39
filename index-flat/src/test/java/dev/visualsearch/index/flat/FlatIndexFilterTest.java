package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The filter sees live ids only, before scoring, and does not shrink the result below k. */
class FlatIndexFilterTest {

  private static final int N = 200;
  private static final int DIMENSION = 8;

  private final FlatIndex index = FlatIndex.create(DIMENSION, Metric.L2);
  private final Oracle oracle = new Oracle(Metric.L2);
  private final Random random = TestVectors.seeded("filter", 7L);

  FlatIndexFilterTest() {
    for (int i = 0; i < N; i++) {
      float[] vector = TestVectors.gaussian(random, DIMENSION);
      index.add("id-" + i, vector);
      oracle.add("id-" + i, vector);
    }
  }

  @Test
  void predicateSeesOnlyLiveIds() {
    for (int i = 0; i < N; i += 2) {
      index.remove("id-" + i);
    }
    List<String> seen = new ArrayList<>();

    index.search(new float[DIMENSION], 5, id -> seen.add(id));

    assertThat(seen).hasSize(N / 2).doesNotHaveDuplicates().allMatch(index::contains);
  }

  @Test
  void selectiveFilterStillReturnsUpToKHits() {
    Set<String> allowed = Set.of("id-3", "id-77", "id-150", "id-199");
    float[] query = TestVectors.gaussian(random, DIMENSION);

    assertThat(index.search(query, 2, allowed::contains).size()).isEqualTo(2);
    assertThat(index.search(query, 10, allowed::contains).ids())
        .containsExactlyInAnyOrderElementsOf(allowed);
    oracle.assertTopK(index.search(query, 3, allowed::contains), query, 3, allowed::contains);
  }

  @Test
  void filterMatchingEverySecondIdAgreesWithOracle() {
    Predicate<String> even = id -> Integer.parseInt(id.substring(3)) % 2 == 0;
    for (int q = 0; q < 20; q++) {
      float[] query = TestVectors.gaussian(random, DIMENSION);
      oracle.assertTopK(index.search(query, 10, even), query, 10, even);
    }
  }

  @Test
  void filterRejectingEverythingGivesEmptyResult() {
    assertThat(index.search(new float[DIMENSION], 5, id -> false).isEmpty()).isTrue();
  }

  @Test
  void nullFilterAcceptsAll() {
    float[] query = TestVectors.gaussian(random, DIMENSION);

    assertThat(index.search(query, N, null).hits()).isEqualTo(index.search(query, N).hits());
    assertThat(index.search(query, N, null).size()).isEqualTo(N);
  }
}
