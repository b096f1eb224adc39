package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.visualsearch.vector.VectorKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Half-precision conversion against the definition of binary16. */
class Float16Test {

  @Test
  void everyFiniteHalfDecodesAndEncodesBackToItself() {
    for (int bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) == 0x7c00) {
        continue; // infinities and NaN are never stored
      }
      short half = (short) bits;
      float value = Float16.decode(half);

      assertThat(value).as("bits %04x", bits).isEqualTo(reference(bits));
      assertThat(Float16.encode(value)).as("bits %04x -> %s", bits, value).isEqualTo(half);
    }
  }

  @Test
  void theKernelsDecodeEveryHalfAsThisClassDoes() {
    short[] halves = new short[0x10000];
    int count = 0;
    for (int bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) != 0x7c00) {
        halves[count++] = (short) bits;
      }
    }
    float[] decoded = new float[count];
    VectorKernels.decodeFloat16(halves, 0, decoded, 0, count);

    for (int i = 0; i < count; i++) {
      assertThat(decoded[i]).as("bits %04x", halves[i] & 0xffff).isEqualTo(Float16.decode(halves[i]));
    }
  }

  @Test
  void roundsToNearestTiesToEven() {
    // 1 + 2^-11 lies halfway between 1 (even mantissa) and 1 + 2^-10: ties go to even.
    assertThat(Float16.decode(Float16.encode(1f + 0x1p-11f))).isEqualTo(1f);
    // 1 + 3·2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
    assertThat(Float16.decode(Float16.encode(1f + 3 * 0x1p-11f))).isEqualTo(1f + 0x1p-9f);
    // Subnormals: 2.5 units of 2^-24 round to 2 units, 3.5 to 4.
    assertThat(Float16.decode(Float16.encode(2.5f * 0x1p-24f))).isEqualTo(2 * 0x1p-24f);
    assertThat(Float16.decode(Float16.encode(3.5f * 0x1p-24f))).isEqualTo(4 * 0x1p-24f);
    // Rounding up out of the subnormals gives the smallest normal.
    assertThat(Float16.decode(Float16.encode(0x1p-14f - 0x1p-26f))).isEqualTo(0x1p-14f);
  }

  @Test
  void randomFloatsRoundToTheNearestHalf() {
    Random random = TestVectors.seeded("float16 random", 16L);
    for (int i = 0; i < 100_000; i++) {
      float value = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
      if (Math.abs(value) > Float16.MAX_VALUE) {
        continue;
      }
      float rounded = Float16.decode(Float16.encode(value));
      // No half lies closer: check the neighbours of the result.
      short bits = Float16.encode(value);
      for (int step : new int[] {-1, 1}) {
        int neighbour = (bits & 0x7fff) + step;
        if (neighbour < 0 || neighbour >= 0x7c00) {
          continue;
        }
        float other = Float16.decode((short) ((bits & 0x8000) | neighbour));
        assertThat(Math.abs(other - value))
            .as("%s encoded as %s, but %s is closer", value, rounded, other)
            .isGreaterThanOrEqualTo(Math.abs(rounded - value));
      }
    }
  }

  @Test
  void valuesBeyondTheRangeAreRejected() {
    assertThat(Float16.decode(Float16.encode(65504f))).isEqualTo(65504f);
    assertThat(Float16.decode(Float16.encode(-65519f))).isEqualTo(-65504f);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Float16.encode(65520f))
        .withMessageContaining("65520");
    assertThatIllegalArgumentException().isThrownBy(() -> Float16.encode(Float.NaN));
    assertThatIllegalArgumentException().isThrownBy(() -> Float16.encode(-1e9f));
  }

  /** binary16 by its definition: sign, 5-bit exponent with bias 15, 10-bit fraction. */
  private static float reference(int bits) {
    int sign = (bits & 0x8000) != 0 ? -1 : 1;
    int exponent = (bits >>> 10) & 0x1f;
    int fraction = bits & 0x3ff;
    double magnitude =
        exponent == 0
            ? fraction * Math.pow(2, -24)
            : (1 + fraction / 1024.0) * Math.pow(2, exponent - 15);
    return (float) (sign * magnitude);
  }
}
