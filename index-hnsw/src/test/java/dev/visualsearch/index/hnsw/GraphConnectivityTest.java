package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * After a bulk build, and after the compaction that follows many removes, every node is reachable
 * from the entry point on every layer it is on — including with inner product, where pruning
 * alone leaves a large share of the nodes (those of small norm) without a single link into them.
 */
class GraphConnectivityTest {

  @ParameterizedTest
  @EnumSource(Metric.class)
  void everyNodeIsReachableOnEveryLayer(Metric metric) {
    float[][] vectors = TestVectors.clustered(TestVectors.seeded("reachable " + metric, 55L), 5_000);
    HnswIndex index = HnswIndex.builder(64, metric).m(8).efConstruction(40).buildThreads(2).build();
    Recall.fill(index, vectors);
    assertAllReachable(index.graphForTesting(), "after the build");

    for (int i = 0; i < vectors.length; i += 3) {
      index.remove("v" + i);
    }
    assertThat(index.nodesForTesting()).as("compacted").isLessThan(vectors.length);
    assertAllReachable(index.graphForTesting(), "after compaction");
  }

  private static void assertAllReachable(GraphView graph, String when) {
    for (int level = 0; level <= graph.maxLevel(); level++) {
      BitSet reached = new BitSet();
      Deque<Integer> queue = new ArrayDeque<>();
      queue.add(graph.entryPoint());
      reached.set(graph.entryPoint());
      int[] neighbours = new int[graph.maxConnections(level)];
      while (!queue.isEmpty()) {
        int count = graph.neighbours(queue.poll(), level, neighbours);
        for (int i = 0; i < count; i++) {
          if (!reached.get(neighbours[i])) {
            reached.set(neighbours[i]);
            queue.add(neighbours[i]);
          }
        }
      }
      int onLevel = 0;
      for (int node = 0; node < graph.size(); node++) {
        onLevel += graph.level(node) >= level ? 1 : 0;
      }
      assertThat(reached.cardinality()).as("nodes reachable on layer %d %s", level, when).isEqualTo(onLevel);
    }
  }
}
