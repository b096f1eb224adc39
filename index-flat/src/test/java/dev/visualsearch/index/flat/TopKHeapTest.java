package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The heap keeps exactly what a full sort by (score desc, ordinal asc) would keep first. */
class TopKHeapTest {

  @Test
  void matchesFullSortIncludingTies() {
    Random random = TestVectors.seeded("heap", 3L);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(300);
      int capacity = 1 + random.nextInt(n + 5);
      // Few distinct scores, so most comparisons are ties decided by ordinal.
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(8) - 4;
      }
      // Offer in a shuffled order: the heap must not rely on ordinals arriving sorted.
      Integer[] order = new Integer[n];
      Arrays.setAll(order, i -> i);
      Collections.shuffle(Arrays.asList(order), random);
      TopKHeap heap = new TopKHeap(capacity);
      for (int ordinal : order) {
        heap.offer(scores[ordinal], ordinal);
      }
      int kept = Math.min(capacity, n);
      float[] outScores = new float[kept];
      int[] outOrdinals = new int[kept];

      assertThat(heap.drainBestFirst(outScores, outOrdinals)).isEqualTo(kept);
      assertThat(heap.size()).isZero();

      Integer[] expected = order.clone();
      Arrays.sort(
          expected,
          Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
      for (int i = 0; i < kept; i++) {
        assertThat(outOrdinals[i]).as("round %d rank %d", round, i).isEqualTo(expected[i]);
        assertThat(outScores[i]).isEqualTo(scores[expected[i]]);
      }
    }
  }
}
