package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recall@10 against the exact {@link FlatIndex} on synthetic clustered vectors (16-dimensional
 * structure in 64 dimensions): the bar at the default settings, exactness once {@code efSearch}
 * covers the index, and recall that never falls as {@code efSearch} grows.
 */
class HnswRecallTest {

  private static final int N = 10_000;
  private static final int QUERIES = 200;
  private static final long SEED = 20240611L;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void defaultSettingsReachRecall095(Metric metric) {
    SplittableRandom random = TestVectors.seeded("recall " + metric, SEED);
    float[][] vectors = TestVectors.clustered(random, N + QUERIES);
    HnswIndex index = HnswIndex.builder(64, metric).buildThreads(2).build();
    FlatIndex exact = Recall.fill(index, Arrays.copyOf(vectors, N));
    float[][] queries = Arrays.copyOfRange(vectors, N, N + QUERIES);

    double recall = Recall.at(index, exact, queries, 10, index.efSearch(), null);

    System.out.printf("%s: recall@10 %.4f at efSearch %d%n", metric, recall, index.efSearch());
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void efSearchCoveringTheIndexIsExact(Metric metric) {
    SplittableRandom random = TestVectors.seeded("exact " + metric, SEED + 1);
    float[][] vectors = TestVectors.clustered(random, 2_000 + 50);
    HnswIndex index = HnswIndex.builder(64, metric).m(4).efConstruction(8).buildThreads(1).build();
    FlatIndex exact = Recall.fill(index, Arrays.copyOf(vectors, 2_000));
    float[][] queries = Arrays.copyOfRange(vectors, 2_000, 2_050);

    // A deliberately poor graph (M 4, efConstruction 8): exactness must not depend on its quality.
    assertThat(Recall.at(index, exact, queries, 10, 2_000, null)).isEqualTo(1.0);
    assertThat(Recall.at(index, exact, queries, 10, 50_000, null)).isEqualTo(1.0);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void recallNeverFallsAsEfSearchGrows(Metric metric) {
    SplittableRandom random = TestVectors.seeded("monotone " + metric, SEED + 2);
    float[][] vectors = TestVectors.clustered(random, N + QUERIES);
    HnswIndex index = HnswIndex.builder(64, metric).m(8).efConstruction(40).buildThreads(1).build();
    FlatIndex exact = Recall.fill(index, Arrays.copyOf(vectors, N));
    float[][] queries = Arrays.copyOfRange(vectors, N, N + QUERIES);

    double previous = 0;
    for (int ef : new int[] {10, 12, 16, 24, 32, 48, 64, 96, 128, 256, 512}) {
      double recall = Recall.at(index, exact, queries, 10, ef, null);
      System.out.printf("%s: efSearch %d recall@10 %.4f%n", metric, ef, recall);
      assertThat(recall).as("recall at efSearch %d", ef).isGreaterThanOrEqualTo(previous);
      previous = recall;
    }
    assertThat(previous).isGreaterThan(0.99);
  }
}
