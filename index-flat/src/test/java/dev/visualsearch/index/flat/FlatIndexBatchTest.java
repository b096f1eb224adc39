package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@link FlatIndex#searchAll} answers exactly what {@link FlatIndex#search} answers for each
 * query — hits, order and scores — however the batch and the blocks fall.
 */
class FlatIndexBatchTest {

  @ParameterizedTest
  @EnumSource(Metric.class)
  void aBatchEqualsItsQueriesOneByOne(Metric metric) {
    Random random = TestVectors.seeded("batch " + metric, 31L + metric.ordinal());
    for (int dimension : new int[] {3, 64, 130}) {
      FlatIndex index = FlatIndex.create(dimension, metric);
      float[][] vectors = TestVectors.clustered(random, 1500, dimension);
      for (int i = 0; i < vectors.length; i++) {
        index.add("v" + i, vectors[i]);
      }
      // Tombstones in the middle of blocks.
      for (int i = 0; i < vectors.length; i += 7) {
        index.remove("v" + i);
      }
      for (int batch : new int[] {1, 2, 5, 16, 64}) {
        float[][] queries = TestVectors.gaussian(random, batch, dimension);
        Predicate<String> filter = id -> id.hashCode() % 3 != 0;

        assertBatchEqualsSingles(index, queries, 10, null);
        assertBatchEqualsSingles(index, queries, 3, filter);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(VectorEncoding.class)
  void encodedIndexesBatchAlike(VectorEncoding encoding) {
    Random random = TestVectors.seeded("batch " + encoding, 47L);
    FlatIndex index = FlatIndex.builder(48, Metric.COSINE).encoding(encoding).build();
    float[][] vectors = TestVectors.clustered(random, 800, 48);
    for (int i = 0; i < vectors.length; i++) {
      index.add("v" + i, vectors[i]);
    }

    assertBatchEqualsSingles(index, TestVectors.gaussian(random, 16, 48), 10, null);
  }

  @Test
  void emptyBatchesAndEmptyIndexes() {
    FlatIndex index = FlatIndex.create(2, Metric.L2);

    assertThat(index.searchAll(new float[0][], 5, null)).isEmpty();
    assertThat(index.searchAll(new float[][] {{1, 2}, {3, 4}}, 5, null))
        .containsExactly(SearchResult.EMPTY, SearchResult.EMPTY);
  }

  @Test
  void invalidQueriesAreNamedByTheirPosition() {
    FlatIndex index = FlatIndex.create(2, Metric.COSINE);
    index.add("a", new float[] {1, 0});

    assertThatIllegalArgumentException()
        .isThrownBy(() -> index.searchAll(new float[][] {{1, 0}, {0, 0}}, 1, null))
        .withMessageContaining("query 1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> index.searchAll(new float[][] {{1, 0}, {1, 0, 0}}, 1, null))
        .withMessageContaining("query 1 dimension 3");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> index.searchAll(new float[][] {{1, 0}}, 0, null))
        .withMessageContaining("k must be at least 1: 0");
    assertThatNullPointerException().isThrownBy(() -> index.searchAll(null, 1, null));
    assertThatNullPointerException()
        .isThrownBy(() -> index.searchAll(new float[][] {{1, 0}, null}, 1, null))
        .withMessageContaining("query 1");
  }

  private static void assertBatchEqualsSingles(
      FlatIndex index, float[][] queries, int k, Predicate<String> filter) {
    List<SearchResult> batch = index.searchAll(queries, k, filter);

    assertThat(batch).hasSize(queries.length);
    for (int q = 0; q < queries.length; q++) {
      assertThat(batch.get(q).hits())
          .as("query %d of %d, k=%d, filter=%s", q, queries.length, k, filter != null)
          .isEqualTo(index.search(queries[q], k, filter).hits());
    }
  }
}
