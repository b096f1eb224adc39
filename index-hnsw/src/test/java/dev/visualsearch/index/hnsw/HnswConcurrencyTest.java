package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Searches run while other threads add, replace, remove (through compactions) and add batches
 * with several build threads: no search fails or returns an item twice, and every search sees
 * each write entirely or not at all — an item whose vector is the query is either absent or
 * found first.
 */
class HnswConcurrencyTest {

  private static final int DIMENSION = 16;

  @Test
  void searchesDuringWritesSeeConsistentStates() throws Exception {
    float[][] vectors =
        TestVectors.clustered(TestVectors.seeded("concurrency", 31L), 6_000, DIMENSION, 8, 20);
    HnswIndex index = HnswIndex.builder(DIMENSION, Metric.L2).m(8).buildThreads(2).build();
    Map<String, float[]> initial = new LinkedHashMap<>();
    for (int i = 0; i < 2_000; i++) {
      initial.put("v" + i, vectors[i]);
    }
    index.addAll(initial);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      tasks.add(pool.submit(() -> {
        for (int i = 2_000; i < 4_000; i++) {
          index.add("v" + i, vectors[i]);
          if (i % 3 == 0) {
            index.remove("v" + (i - 1_500));
          }
        }
      }));
      tasks.add(pool.submit(() -> {
        for (int batch = 0; batch < 10; batch++) {
          Map<String, float[]> items = new LinkedHashMap<>();
          for (int i = 4_000 + batch * 200; i < 4_200 + batch * 200; i++) {
            items.put("v" + i, vectors[i]);
          }
          index.addAll(items);
        }
      }));
      for (int searcher = 0; searcher < 2; searcher++) {
        int offset = searcher;
        tasks.add(pool.submit(() -> {
          for (int round = 0; round < 1_500; round++) {
            int target = (round * 7 + offset) % 6_000;
            SearchResult result = index.search(vectors[target], 5, null, 32);
            assertThat(result.ids()).doesNotHaveDuplicates();
            String id = "v" + target;
            if (result.ids().contains(id)) {
              assertThat(result.get(0).score()).isEqualTo(0f);
            }
            SearchResult filtered = index.search(vectors[target], 5, s -> s.endsWith("7"), 32);
            assertThat(filtered.ids()).allMatch(s -> s.endsWith("7"));
          }
        }));
      }
      for (Future<?> task : tasks) {
        task.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    int expected = 0;
    for (int i = 0; i < 6_000; i++) {
      boolean removed = i >= 500 && i < 2_500 && (i + 1_500) % 3 == 0;
      expected += removed ? 0 : 1;
      assertThat(index.contains("v" + i)).as("v%d", i).isEqualTo(!removed);
    }
    assertThat(index.size()).isEqualTo(expected);
    // Every remaining item is still found by its own vector.
    int found = 0;
    for (int i = 0; i < 6_000; i += 10) {
      if (index.contains("v" + i) && index.search(vectors[i], 1).ids().contains("v" + i)) {
        found++;
      }
    }
    assertThat(found).isGreaterThan(expected / 10 - 15);
  }
}
