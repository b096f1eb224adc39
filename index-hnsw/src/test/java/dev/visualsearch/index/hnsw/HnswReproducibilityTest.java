package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.index.flat.FlatIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed and the same writes give the same graph, bit for bit, with one build thread; a
 * concurrent build gives a different graph of the same quality, with the same layers.
 */
class HnswReproducibilityTest {

  private static final int N = 4_000;

  @TempDir Path dir;

  private static HnswIndex build(float[][] vectors, long seed, int threads) {
    HnswIndex index = HnswIndex.builder(64, Metric.L2).seed(seed).buildThreads(threads).build();
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < vectors.length; i++) {
      items.put("v" + i, vectors[i]);
    }
    index.addAll(items);
    for (int i = 0; i < vectors.length; i += 5) {
      index.remove("v" + i);
    }
    index.add("v0", vectors[1]);
    return index;
  }

  private byte[] saved(HnswIndex index, String name) throws IOException {
    Path file = dir.resolve(name);
    index.save(file);
    return Files.readAllBytes(file);
  }

  @Test
  void oneThreadBuildsTheSameGraphEveryTime() throws IOException {
    float[][] vectors = TestVectors.clustered(TestVectors.seeded("reproducible", 11L), N);

    byte[] first = saved(build(vectors, 7, 1), "first");
    byte[] second = saved(build(vectors, 7, 1), "second");
    byte[] otherSeed = saved(build(vectors, 8, 1), "other-seed");

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void oneAtATimeAndInOneBatchAreTheSameGraph() throws IOException {
    float[][] vectors = TestVectors.clustered(TestVectors.seeded("batch vs single", 12L), 50);
    HnswIndex batch = HnswIndex.builder(64, Metric.L2).buildThreads(1).build();
    HnswIndex single = HnswIndex.builder(64, Metric.L2).buildThreads(1).build();
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < vectors.length; i++) {
      items.put("v" + i, vectors[i]);
      single.add("v" + i, vectors[i]);
    }
    // Under the bulk size: no connectivity pass, so both paths do exactly the same insertions.
    batch.addAll(items);

    assertThat(saved(batch, "batch")).isEqualTo(saved(single, "single"));
  }

  @Test
  void aConcurrentBuildHasTheSameLayersAndRecall() {
    SplittableRandom random = TestVectors.seeded("concurrent build", 13L);
    float[][] vectors = TestVectors.clustered(random, N + 100);
    float[][] data = Arrays.copyOf(vectors, N);
    float[][] queries = Arrays.copyOfRange(vectors, N, N + 100);
    HnswIndex sequential = HnswIndex.builder(64, Metric.L2).buildThreads(1).build();
    // As many threads as the test machine has cores: far more threads than cores on a loaded
    // machine leave insertions preempted half-way for long stretches, which costs graph quality.
    HnswIndex concurrent = HnswIndex.builder(64, Metric.L2).buildThreads(2).build();
    FlatIndex exact = Recall.fill(sequential, data);
    Recall.fill(concurrent, data);

    GraphView a = sequential.graphForTesting();
    GraphView b = concurrent.graphForTesting();
    for (int node = 0; node < N; node++) {
      assertThat(b.level(node)).as("layer of node %d", node).isEqualTo(a.level(node));
    }
    double sequentialRecall = Recall.at(sequential, exact, queries, 10, 64, null);
    double concurrentRecall = Recall.at(concurrent, exact, queries, 10, 64, null);
    System.out.printf(
        "recall@10: one thread %.4f, two threads %.4f%n", sequentialRecall, concurrentRecall);
    assertThat(concurrentRecall).isGreaterThanOrEqualTo(0.95);
    assertThat(concurrentRecall).isGreaterThanOrEqualTo(sequentialRecall - 0.02);
  }
}
