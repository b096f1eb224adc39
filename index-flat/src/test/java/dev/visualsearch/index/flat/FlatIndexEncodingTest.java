package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Float16 and int8 indexes: they scan the encoded copy, re-score exactly, and so return float32
 * scores; with enough candidates their answers are the float32 answers.
 */
class FlatIndexEncodingTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = VectorEncoding.class, names = {"FLOAT16", "INT8"})
  void hitsCarryExactFloat32Scores(VectorEncoding encoding) {
    Random random = TestVectors.seeded("exact scores " + encoding, 3L);
    for (Metric metric : Metric.values()) {
      FlatIndex exact = FlatIndex.create(32, metric);
      FlatIndex encoded = FlatIndex.builder(32, metric).encoding(encoding).build();
      fill(random, 400, exact, encoded);
      float[] query = TestVectors.gaussian(random, 32);

      SearchResult result = encoded.search(query, 10);

      assertThat(result.size()).isEqualTo(10);
      for (Hit hit : result.hits()) {
        SearchResult alone = exact.searchAmong(query, 1, List.of(hit.id()));
        assertThat(hit.score()).as("%s %s", metric, hit.id()).isEqualTo(alone.get(0).score());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = VectorEncoding.class, names = {"FLOAT16", "INT8"})
  void enoughCandidatesGiveTheFloat32Answer(VectorEncoding encoding) {
    Random random = TestVectors.seeded("all candidates " + encoding, 4L);
    FlatIndex exact = FlatIndex.create(16, Metric.L2);
    // k × factor ≥ size: every row is re-scored, so the answer is exact.
    FlatIndex encoded =
        FlatIndex.builder(16, Metric.L2).encoding(encoding).rescoreFactor(30).build();
    fill(random, 300, exact, encoded);
    encoded.remove("v5");
    exact.remove("v5");

    for (int q = 0; q < 20; q++) {
      float[] query = TestVectors.gaussian(random, 16);
      assertThat(encoded.search(query, 10).hits()).isEqualTo(exact.search(query, 10).hits());
      assertThat(encoded.searchAmong(query, 3, List.of("v1", "v2", "v3", "v5")).hits())
          .isEqualTo(exact.searchAmong(query, 3, List.of("v1", "v2", "v3", "v5")).hits());
    }
  }

  @Test
  void encodedCopiesTakeHalfAndAQuarterOfFloat32() {
    int dimension = 256;
    FlatIndex float32 = FlatIndex.builder(dimension, Metric.COSINE).expectedSize(1000).build();
    FlatIndex float16 =
        FlatIndex.builder(dimension, Metric.COSINE)
            .encoding(VectorEncoding.FLOAT16)
            .expectedSize(1000)
            .build();
    FlatIndex int8 =
        FlatIndex.builder(dimension, Metric.COSINE)
            .encoding(VectorEncoding.INT8)
            .expectedSize(1000)
            .build();
    long floats = float32.vectorHeapBytesForTesting();

    // In the heap the float32 rows stay for re-scoring; the encoded copy comes on top.
    assertThat(float16.vectorHeapBytesForTesting() - floats).isEqualTo(floats / 2);
    assertThat(int8.vectorHeapBytesForTesting() - floats)
        .isEqualTo(floats / 4 + 1000L * Float.BYTES); // one scale per row
  }

  @ParameterizedTest
  @EnumSource(VectorEncoding.class)
  void savedAndReopenedIndexesKeepTheirEncoding(VectorEncoding encoding) throws Exception {
    Random random = TestVectors.seeded("reopen " + encoding, 12L);
    FlatIndex index =
        FlatIndex.builder(8, Metric.INNER_PRODUCT).encoding(encoding).rescoreFactor(2).build();
    fill(random, 100, index);
    Path file = dir.resolve("encoded");
    index.save(file);
    float[] query = TestVectors.gaussian(random, 8);

    for (FlatIndex reopened : new FlatIndex[] {FlatIndex.open(file), FlatIndex.openMapped(file)}) {
      try (reopened) {
        assertThat(reopened.encoding()).isEqualTo(encoding);
        assertThat(reopened.rescoreFactor()).isEqualTo(2);
        assertThat(reopened.search(query, 7).hits()).isEqualTo(index.search(query, 7).hits());
      }
    }
  }

  @Test
  void float16RejectsValuesOutsideItsRange() {
    FlatIndex index = FlatIndex.builder(3, Metric.L2).encoding(VectorEncoding.FLOAT16).build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> index.add("big", new float[] {1, 70000, 2}))
        .withMessageContaining("70000")
        .withMessageContaining("position 1")
        .withMessageContaining("FLOAT16");
    assertThat(index.size()).isZero();
    index.add("edge", new float[] {-65504, 0, 65504});
    assertThat(index.vector("edge").orElseThrow()).containsExactly(-65504, 0, 65504);
  }

  @Test
  void int8KeepsZeroAndHugeVectors() {
    FlatIndex index = FlatIndex.builder(2, Metric.L2).encoding(VectorEncoding.INT8).build();
    index.add("zero", new float[] {0, 0});
    index.add("huge", new float[] {3e30f, -1e30f});

    assertThat(index.search(new float[] {0, 0}, 2).ids()).containsExactly("zero", "huge");
    assertThat(index.vector("huge").orElseThrow()).containsExactly(3e30f, -1e30f);
  }

  @Test
  void builderOptionsAreCheckedAtOnce() {
    FlatIndexBuilder builder = FlatIndex.builder(4, Metric.L2);

    assertThatNullPointerException().isThrownBy(() -> builder.encoding(null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.rescoreFactor(0))
        .withMessage("rescore factor must be in [1, 1000]: 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.rescoreFactor(1001))
        .withMessageContaining("1001");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder.expectedSize(-1))
        .withMessageContaining("-1");
    builder.encoding(VectorEncoding.INT8).rescoreFactor(2).expectedSize(10);
    assertThatIllegalStateException()
        .isThrownBy(() -> builder.encoding(VectorEncoding.FLOAT16))
        .withMessage("encoding was already set to INT8");
    assertThatIllegalStateException()
        .isThrownBy(() -> builder.rescoreFactor(3))
        .withMessage("rescore factor was already set to 2");
    assertThatIllegalStateException()
        .isThrownBy(() -> builder.expectedSize(3))
        .withMessage("expected size was already set to 10");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FlatIndex.builder(0, Metric.L2))
        .withMessageContaining("dimension");
    assertThatNullPointerException().isThrownBy(() -> FlatIndex.builder(4, null));

    FlatIndex index = builder.build();
    assertThat(index.encoding()).isEqualTo(VectorEncoding.INT8);
    assertThat(index.rescoreFactor()).isEqualTo(2);
    assertThat(FlatIndex.create(4, Metric.L2).rescoreFactor())
        .isEqualTo(FlatIndexBuilder.DEFAULT_RESCORE_FACTOR);
  }

  private static void fill(Random random, int count, FlatIndex... indexes) {
    int dimension = indexes[0].dimension();
    for (int i = 0; i < count; i++) {
      float[] vector = TestVectors.gaussian(random, dimension);
      for (FlatIndex index : indexes) {
        index.add("v" + i, vector);
      }
    }
  }
}
