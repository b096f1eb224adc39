package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.visualsearch.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad arguments fail at once, with a message that names the value. */
class FlatIndexValidationTest {

  private final FlatIndex index = FlatIndex.create(4, Metric.L2);
  private final FlatIndex cosine = FlatIndex.create(4, Metric.COSINE);

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE, 65537})
  void dimensionOutOfRange(int dimension) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FlatIndex.create(dimension, Metric.L2))
        .withMessage("dimension must be in [1, 65536]: " + dimension);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FlatIndex.factory().create(dimension, Metric.L2))
        .withMessageContaining(String.valueOf(dimension));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5})
  void kBelowOne(int k) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> index.search(new float[4], k))
        .withMessage("k must be at least 1: " + k);
  }

  @Test
  void wrongVectorLength() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> index.add("a", new float[3]))
        .withMessage("vector dimension 3 != index dimension 4");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> index.search(new float[5], 1))
        .withMessage("query dimension 5 != index dimension 4");
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void nonFiniteValuesNameTheirPosition(Metric metric) {
    FlatIndex target = FlatIndex.create(4, metric);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> target.add("a", new float[] {1, 2, Float.NaN, 4}))
        .withMessage("vector holds NaN at position 2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> target.add("a", new float[] {Float.POSITIVE_INFINITY, 0, 0, 0}))
        .withMessage("vector holds Infinity at position 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> target.search(new float[] {1, 1, 1, Float.NEGATIVE_INFINITY}, 1))
        .withMessage("query holds -Infinity at position 3");
    assertThat(target.size()).isZero();
  }

  @Test
  void cosineRejectsZeroVectors() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cosine.add("a", new float[4]))
        .withMessage("vector is all zeros; cosine is undefined for a zero vector");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cosine.search(new float[4], 1))
        .withMessage("query is all zeros; cosine is undefined for a zero vector");
  }

  @Test
  void cosineAcceptsTinyButNonZeroVectors() {
    cosine.add("tiny", new float[] {Float.MIN_VALUE, 0, 0, 0});

    assertThat(cosine.vector("tiny").orElseThrow()).containsExactly(1, 0, 0, 0);
  }

  @Test
  void zeroVectorsAreFineForOtherMetrics() {
    index.add("zero", new float[4]);

    assertThat(index.search(new float[4], 1).get(0).score()).isZero();
  }

  @Test
  void nullArgumentsNameTheParameter() {
    assertThatNullPointerException().isThrownBy(() -> FlatIndex.create(4, null)).withMessage("metric");
    assertThatNullPointerException().isThrownBy(() -> FlatIndex.open(null)).withMessage("file");
    assertThatNullPointerException().isThrownBy(() -> index.add(null, new float[4])).withMessage("id");
    assertThatNullPointerException().isThrownBy(() -> index.add("a", null)).withMessage("vector");
    assertThatNullPointerException().isThrownBy(() -> index.remove(null)).withMessage("id");
    assertThatNullPointerException().isThrownBy(() -> index.contains(null)).withMessage("id");
    assertThatNullPointerException().isThrownBy(() -> index.vector(null)).withMessage("id");
    assertThatNullPointerException().isThrownBy(() -> index.search(null, 1)).withMessage("query");
    assertThatNullPointerException()
        .isThrownBy(() -> index.search(null, 1, id -> true))
        .withMessage("query");
    assertThatNullPointerException().isThrownBy(() -> index.save(null)).withMessage("file");
  }
}
