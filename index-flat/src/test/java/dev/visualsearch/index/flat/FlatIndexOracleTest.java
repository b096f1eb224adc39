package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every search agrees with a brute-force {@link Metric#score} oracle. */
class FlatIndexOracleTest {

  enum Data {
    RANDOM,
    CLUSTERED
  }

  static Stream<Arguments> configurations() {
    List<Arguments> arguments = new ArrayList<>();
    int[][] sizes = {{1, 4}, {7, 3}, {100, 16}, {1000, 67}};
    for (Metric metric : Metric.values()) {
      for (Data data : Data.values()) {
        for (int[] size : sizes) {
          arguments.add(Arguments.of(metric, data, size[0], size[1]));
        }
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} {1} n={2} dimension={3}")
  @MethodSource("configurations")
  void searchMatchesBruteForceOracle(Metric metric, Data data, int n, int dimension) {
    long seed = 31L * (31L * (31L * metric.ordinal() + data.ordinal()) + n) + dimension;
    Random random = TestVectors.seeded("oracle " + metric + " " + data + " n=" + n, seed);
    float[][] vectors =
        data == Data.RANDOM
            ? TestVectors.gaussian(random, n, dimension)
            : TestVectors.clustered(random, n, dimension);
    FlatIndex index = FlatIndex.create(dimension, metric);
    Oracle oracle = new Oracle(metric);
    for (int i = 0; i < n; i++) {
      index.add("item-" + i, vectors[i]);
      oracle.add("item-" + i, vectors[i]);
    }

    List<float[]> queries = new ArrayList<>();
    for (int q = 0; q < 10; q++) {
      queries.add(TestVectors.gaussian(random, dimension));
      // A stored vector itself, and one close to it: the queries a look-alike search gets.
      float[] stored = vectors[random.nextInt(n)];
      queries.add(stored.clone());
      float[] near = stored.clone();
      near[random.nextInt(dimension)] += 0.01f;
      queries.add(near);
    }
    for (float[] query : queries) {
      for (int k : new int[] {1, 5, n, n + 10}) {
        oracle.assertTopK(index.search(query, k), query, k, null);
      }
    }
  }
}
