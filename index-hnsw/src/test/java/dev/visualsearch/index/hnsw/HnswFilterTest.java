package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.index.flat.FlatIndex;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Filtered search keeps the unfiltered recall bar at every selectivity, from a filter accepting
 * half the items to one accepting a handful (where the search becomes an exact scan), and never
 * returns an item the filter rejects.
 */
class HnswFilterTest {

  private static final int N = 10_000;
  private static final int QUERIES = 100;
  private static final long SEED = 77L;

  private static HnswIndex index;
  private static FlatIndex exact;
  private static float[][] queries;

  private static synchronized void build() {
    if (index != null) {
      return;
    }
    SplittableRandom random = TestVectors.seeded("filtered", SEED);
    float[][] vectors = TestVectors.clustered(random, N + QUERIES);
    index = HnswIndex.builder(64, Metric.COSINE).buildThreads(2).build();
    exact = Recall.fill(index, Arrays.copyOf(vectors, N));
    queries = Arrays.copyOfRange(vectors, N, N + QUERIES);
  }

  /** Accepts ids "v&lt;i&gt;" whose number is a multiple of {@code every}. */
  private static Predicate<String> everyNth(int every) {
    return id -> Integer.parseInt(id.substring(1)) % every == 0;
  }

  @ParameterizedTest(name = "1 in {0}")
  @ValueSource(ints = {2, 10, 50, 200, 2_000, 20_000})
  void filteredRecallMeetsTheBar(int every) {
    build();
    double recall = Recall.at(index, exact, queries, 10, index.efSearch(), everyNth(every));

    System.out.printf("filter accepting 1 in %d: recall@10 %.4f%n", every, recall);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aFilterAcceptingFewerThanKGivesThemAll() {
    build();
    Predicate<String> three = id -> id.equals("v5") || id.equals("v500") || id.equals("v9999");

    assertThat(index.search(queries[0], 10, three).ids())
        .containsExactlyInAnyOrder("v5", "v500", "v9999");
  }

  @Test
  void aFilterAcceptingNothingGivesNothing() {
    build();
    assertThat(index.search(queries[0], 10, id -> false).isEmpty()).isTrue();
  }

  @Test
  void aVerySelectiveFilterIsAnsweredExactly() {
    build();
    Predicate<String> rare = everyNth(997);
    for (float[] query : queries) {
      assertThat(index.search(query, 5, rare).ids()).isEqualTo(exact.search(query, 5, rare).ids());
    }
  }

  @Test
  void aBroadFilterIsNotAskedAboutEveryItem() {
    build();
    AtomicInteger calls = new AtomicInteger();
    Predicate<String> half =
        id -> {
          calls.incrementAndGet();
          return Integer.parseInt(id.substring(1)) % 2 == 0;
        };

    index.search(queries[0], 10, half);

    // The graph search asks about the nodes it visits, not the whole index as a scan would.
    System.out.println("filter calls for one search: " + calls.get());
    assertThat(calls.get()).isLessThan(N / 2);
  }
}
