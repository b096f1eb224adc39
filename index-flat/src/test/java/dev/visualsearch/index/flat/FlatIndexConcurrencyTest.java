package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Searches running while another thread adds and removes see consistent states: each id always
 * has the same vector, so every hit's score can be checked against {@link Metric#score}. The
 * searchers mix single searches, batches and allow-lists; encoded indexes re-score exactly, so
 * the same checks hold for them.
 */
class FlatIndexConcurrencyTest {

  private static final int SEARCHERS = 4;
  private static final int SEARCHES_PER_THREAD = 400;
  private static final int WRITES = 4000;
  private static final int POOL = 300;
  private static final int DIMENSION = 16;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void searchesDuringWritesSeeConsistentResults(Metric metric) throws Exception {
    run(metric, VectorEncoding.FLOAT32);
  }

  @ParameterizedTest
  @EnumSource(value = VectorEncoding.class, names = {"FLOAT16", "INT8"})
  void encodedIndexesDuringWritesSeeConsistentResults(VectorEncoding encoding) throws Exception {
    run(Metric.COSINE, encoding);
  }

  private static void run(Metric metric, VectorEncoding encoding) throws Exception {
    long seed = 1234L + metric.ordinal() + 10L * encoding.ordinal();
    Random setup = TestVectors.seeded("concurrency " + metric + " " + encoding, seed);
    float[][] vectorOf = TestVectors.gaussian(setup, POOL, DIMENSION);
    FlatIndex index = FlatIndex.builder(DIMENSION, metric).encoding(encoding).build();
    Set<String> present = new HashSet<>();
    for (int i = 0; i < POOL; i += 2) {
      index.add(id(i), vectorOf[i]);
      present.add(id(i));
    }

    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(SEARCHERS + 1);
    try {
      List<Future<Integer>> searchers = new ArrayList<>();
      for (int t = 0; t < SEARCHERS; t++) {
        Random random = new Random(seed * 31 + t);
        searchers.add(pool.submit(searcher(index, metric, vectorOf, random, start)));
      }
      Future<Set<String>> writer =
          pool.submit(writer(index, vectorOf, new Random(seed * 31 + SEARCHERS), present, start));
      start.countDown();

      int totalHits = 0;
      for (Future<Integer> searcher : searchers) {
        totalHits += searcher.get(2, TimeUnit.MINUTES);
      }
      Set<String> finalIds = writer.get(2, TimeUnit.MINUTES);

      assertThat(totalHits).as("the searches found something").isPositive();
      assertThat(index.size()).isEqualTo(finalIds.size());
      for (int i = 0; i < POOL; i++) {
        assertThat(index.contains(id(i))).as(id(i)).isEqualTo(finalIds.contains(id(i)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Set<String>> writer(
      FlatIndex index, float[][] vectorOf, Random random, Set<String> present,
      CountDownLatch start) {
    return () -> {
      start.await();
      for (int w = 0; w < WRITES; w++) {
        int i = random.nextInt(POOL);
        if (random.nextBoolean()) {
          index.add(id(i), vectorOf[i]); // sometimes a replacement, with the same vector
          present.add(id(i));
        } else {
          assertThat(index.remove(id(i))).isEqualTo(present.remove(id(i)));
        }
      }
      return present;
    };
  }

  private static Callable<Integer> searcher(
      FlatIndex index, Metric metric, float[][] vectorOf, Random random, CountDownLatch start) {
    return () -> {
      start.await();
      int hits = 0;
      for (int s = 0; s < SEARCHES_PER_THREAD; s++) {
        float[] query = TestVectors.gaussian(random, DIMENSION);
        int k = 1 + random.nextInt(25);
        Predicate<String> filter = s % 3 == 0 ? id -> id.hashCode() % 2 == 0 : null;
        SearchResult result;
        if (s % 4 == 1) {
          // A batch: check its second query's result like any other.
          float[][] batch = {TestVectors.gaussian(random, DIMENSION), query};
          result = index.searchAll(batch, k, filter).get(1);
        } else if (s % 4 == 2) {
          List<String> allowed = new ArrayList<>();
          for (int i = 0; i < POOL; i += 1 + random.nextInt(4)) {
            allowed.add(id(i));
          }
          result = index.searchAmong(query, k, allowed);
          filter = new HashSet<>(allowed)::contains;
        } else {
          result = index.search(query, k, filter);
        }

        assertThat(result.size()).isLessThanOrEqualTo(k);
        assertThat(result.ids()).doesNotHaveDuplicates();
        for (int rank = 0; rank < result.size(); rank++) {
          Hit hit = result.get(rank);
          assertThat(hit.id()).startsWith("id-");
          if (filter != null) {
            assertThat(filter.test(hit.id())).isTrue();
          }
          float[] stored = vectorOf[Integer.parseInt(hit.id().substring(3))];
          float expected = metric.score(query, stored);
          assertThat(hit.score()).isCloseTo(expected, offset(Oracle.tolerance(expected)));
          if (rank > 0) {
            assertThat(hit.score()).isLessThanOrEqualTo(result.get(rank - 1).score());
          }
        }
        hits += result.size();
      }
      return hits;
    };
  }

  private static String id(int i) {
    return "id-" + i;
  }
}
