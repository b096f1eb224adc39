package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.vector.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The small structures under the graph: key packing, the heap, the visited set, the selector. */
class PrimitivesTest {

  @Test
  void keysOrderByScoreThenByEarlierNode() {
    float[] scores = {-3.5f, -0.0f, 0.0f, 1e-30f, 2f, Float.NEGATIVE_INFINITY, Float.MAX_VALUE};
    for (float a : scores) {
      for (float b : scores) {
        for (int nodeA : new int[] {0, 7, Integer.MAX_VALUE}) {
          for (int nodeB : new int[] {0, 7, Integer.MAX_VALUE}) {
            long keyA = ScoredNode.encode(a, nodeA);
            long keyB = ScoredNode.encode(b, nodeB);
            int expected = a != b ? Float.compare(a, b) : Integer.compare(nodeB, nodeA);
            assertThat(Long.signum(Long.compare(keyA, keyB)))
                .as("(%s, %d) vs (%s, %d)", a, nodeA, b, nodeB)
                .isEqualTo(Integer.signum(expected));
          }
        }
        assertThat(ScoredNode.score(ScoredNode.encode(a, 3))).isEqualTo(a + 0.0f);
      }
    }
    assertThat(ScoredNode.node(ScoredNode.encode(1f, 123_456))).isEqualTo(123_456);
  }

  @Test
  void heapKeepsTheLargestAndDrainsInOrder() {
    SplittableRandom random = TestVectors.seeded("heap", 3L);
    LongHeap heap = new LongHeap(1);
    long[] offered = new long[1000];
    for (int i = 0; i < offered.length; i++) {
      offered[i] = random.nextLong();
      heap.offer(offered[i], 50);
    }
    long[] drained = new long[50];
    assertThat(heap.drainDescending(drained)).isEqualTo(50);
    long[] sorted = offered.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 50; i++) {
      assertThat(drained[i]).isEqualTo(sorted[sorted.length - 1 - i]);
    }
    assertThat(heap.isEmpty()).isTrue();
  }

  @Test
  void heapPopsInAscendingOrder() {
    LongHeap heap = new LongHeap(2);
    for (long value : new long[] {5, -1, 9, 3, 3, 0}) {
      heap.push(value);
    }
    StringBuilder order = new StringBuilder();
    while (!heap.isEmpty()) {
      order.append(heap.pop()).append(' ');
    }
    assertThat(order.toString()).isEqualTo("-1 0 3 3 5 9 ");
  }

  @Test
  void visitedSetEmptiesOnReset() {
    VisitedSet visited = new VisitedSet();
    visited.reset(10);
    assertThat(visited.visit(3)).isTrue();
    assertThat(visited.visit(3)).isFalse();
    assertThat(visited.contains(3)).isTrue();
    visited.reset(100);
    assertThat(visited.contains(3)).isFalse();
    assertThat(visited.visit(99)).isTrue();
  }

  /**
   * Three points on a line and one off it, seen from the origin: the second point on the line
   * is closer to the first than to the origin, so the heuristic drops it for the one off the
   * line, which reaches elsewhere.
   */
  @Test
  void selectorPrefersNeighboursInDifferentDirections() {
    HeapVectors vectors = new HeapVectors(2, true, 4);
    vectors.append(new float[] {0, 0}); // 0: the node itself
    vectors.append(new float[] {1, 0}); // 1: nearest
    vectors.append(new float[] {2, 0}); // 2: behind 1
    vectors.append(new float[] {0, 2.5f}); // 3: another direction, farther than 2
    long[] candidates = new long[3];
    for (int node = 1; node <= 3; node++) {
      candidates[node - 1] = ScoredNode.encode(vectors.scoreBetween(0, node), node);
    }
    Arrays.sort(candidates);
    long[] best = {candidates[2], candidates[1], candidates[0]};
    long[] selected = new long[3];

    int kept = NeighbourSelector.select(best, 3, 2, 0, vectors, selected);

    assertThat(kept).isEqualTo(2);
    assertThat(ScoredNode.node(selected[0])).isEqualTo(1);
    assertThat(ScoredNode.node(selected[1])).isEqualTo(3);
    // With room for all, all are kept.
    assertThat(NeighbourSelector.select(best, 3, 3, 0, vectors, selected)).isEqualTo(3);
  }

  @Test
  void scoresAreNegatedSquaredDistancesOrDotProducts() {
    HeapVectors l2 = new HeapVectors(2, true, 1);
    l2.append(new float[] {3, 4});
    HeapVectors dot = new HeapVectors(2, false, 1);
    dot.append(new float[] {3, 4});
    float[] scratch = new float[2];
    assertThat(l2.score(new float[] {0, 0}, 0, scratch)).isEqualTo(-25f);
    assertThat(dot.score(new float[] {1, 1}, 0, scratch)).isEqualTo(7f);
    // Huge finite values: one kernel overflows to ∞ − ∞ = NaN, another (fused multiply-add)
    // to +∞. Whatever the kernel, a score is never NaN, which would break every order it enters.
    HeapVectors huge = new HeapVectors(64, false, 1);
    float[] vector = new float[64];
    float[] query = new float[64];
    for (int i = 0; i < 64; i++) {
      vector[i] = i % 2 == 0 ? Float.MAX_VALUE : -Float.MAX_VALUE;
      query[i] = Float.MAX_VALUE;
    }
    huge.append(vector);
    float score = huge.score(query, 0, new float[64]);
    assertThat(score).isNotNaN();
    if (VectorKernels.implementationName().equals("scalar")) {
      assertThat(score).as("∞ − ∞ ranks last").isEqualTo(Float.NEGATIVE_INFINITY);
    }
  }
}
