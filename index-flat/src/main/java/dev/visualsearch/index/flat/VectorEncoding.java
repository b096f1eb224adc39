package dev.visualsearch.index.flat;

/**
 * How a {@link FlatIndex} holds the vectors it scans. Every encoding scores the query in float32;
 * the narrower ones scan fewer bytes per vector and then re-score their best candidates exactly
 * against the float32 vectors (see {@link FlatIndexBuilder#rescoreFactor}).
 *
 * <p>Immutable and thread-safe.
 */
public enum VectorEncoding {
  /** IEEE 754 single precision, 4 bytes per dimension: the vectors as given. */
  FLOAT32(4),
  /**
   * IEEE 754 half precision, 2 bytes per dimension, rounded to nearest: about 3 significant
   * decimal digits, magnitudes up to 65504 (larger values are rejected when added).
   */
  FLOAT16(2),
  /**
   * Signed bytes, 1 byte per dimension plus one float per vector: each vector is scaled so that
   * its largest magnitude maps to 127, then rounded. Any magnitude fits; small components of a
   * vector with one large component lose the most precision.
   */
  INT8(1);

  private final int bytesPerDimension;

  VectorEncoding(int bytesPerDimension) {
    this.bytesPerDimension = bytesPerDimension;
  }

  /** Bytes each dimension takes in the scanned array. */
  public int bytesPerDimension() {
    return bytesPerDimension;
  }

  /**
   * Checks that a prepared vector fits this encoding: only float16 has a range to check.
   *
   * @throws IllegalArgumentException naming the first value beyond ±{@value Float16#MAX_VALUE}
   */
  void checkEncodable(float[] prepared, String what) {
    if (this != FLOAT16) {
      return;
    }
    for (int i = 0; i < prepared.length; i++) {
      if (Math.abs(prepared[i]) > Float16.MAX_VALUE) {
        throw new IllegalArgumentException(
            what + " holds " + prepared[i] + " at position " + i
                + ", beyond the range of FLOAT16 encoding (±" + Float16.MAX_VALUE + ")");
      }
    }
  }
}
