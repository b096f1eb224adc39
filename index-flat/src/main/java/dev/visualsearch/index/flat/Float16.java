package dev.visualsearch.index.flat;

/**
 * Conversions between float and IEEE 754 half precision (binary16) held in a {@code short}, for
 * {@link VectorEncoding#FLOAT16}. Java 17 has no {@code Float.floatToFloat16} (it came in 20), so
 * the bit manipulation is here; it rounds to nearest, ties to even, like the JDK method.
 *
 * <p>Only finite values within {@link #MAX_VALUE} are ever encoded (the index checks on add), so
 * infinities and NaN need no encoding here.
 *
 * <p>Stateless and thread-safe.
 */
final class Float16 {

  /** The largest finite half-precision value. */
  static final float MAX_VALUE = 65504f;

  private Float16() {}

  /**
   * The half-precision bits nearest to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is not finite or exceeds {@link #MAX_VALUE}
   *     in magnitude after rounding
   */
  static short encode(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int magnitude = bits & 0x7fff_ffff;
    if (magnitude >= 0x4780_0000) { // ≥ 65536: beyond half range even before rounding
      throw new IllegalArgumentException("value " + value + " is outside float16's range");
    }
    if (magnitude < 0x3880_0000) { // below 2^-14: a half subnormal (or zero)
      // Scale so the half's subnormal unit 2^-24 becomes 1, then round to nearest even integer.
      int subnormal = Math.round(Math.abs(value) * 0x1p24f);
      if ((subnormal & 1) == 1 && Math.abs(Math.abs(value) * 0x1p24f - subnormal) == 0.5f) {
        subnormal--; // Math.round rounds half up; binary16 rounds half to even
      }
      return (short) (sign | subnormal);
    }
    // Normal: rebias the exponent (127 → 15) and round the 23-bit mantissa to 10 bits.
    int rebased = magnitude - ((127 - 15) << 23);
    int roundBit = 1 << 12;
    int lowBits = rebased & 0x1fff;
    int half = rebased >>> 13;
    if (lowBits > roundBit || (lowBits == roundBit && (half & 1) == 1)) {
      half++; // may carry into the exponent, which is the right result
    }
    if (half >= 0x7c00) {
      throw new IllegalArgumentException("value " + value + " is outside float16's range");
    }
    return (short) (sign | half);
  }

  /**
   * The float value of half-precision {@code bits} (finite values only). The scan decodes whole
   * blocks with {@link dev.visualsearch.vector.VectorKernels#decodeFloat16}, the same formula in
   * SIMD; {@code Float16Test} checks the two agree on every half.
   */
  static float decode(short bits) {
    // Shifting the 15 magnitude bits into float position gives the value scaled by 2^-112, for
    // normal and subnormal halves alike; one multiply puts the exponent right.
    int h = bits;
    return Float.intBitsToFloat(((h & 0x8000) << 16) | ((h & 0x7fff) << 13)) * 0x1p112f;
  }
}
