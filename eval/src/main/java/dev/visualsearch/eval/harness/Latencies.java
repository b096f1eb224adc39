package dev.visualsearch.eval.harness;

import java.util.Arrays;

/**
 * Summary of measured durations: nearest-rank percentiles (the smallest sample with at least
 * {@code p}% of the samples at or below it). Immutable and thread-safe.
 *
 * @param count the number of samples
 * @param p50Millis the median, in milliseconds
 * @param p99Millis the 99th percentile, in milliseconds
 */
public record Latencies(int count, double p50Millis, double p99Millis) {

  /** No samples: both percentiles NaN. */
  public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN);

  /** The percentiles of durations given in nanoseconds. */
  public static Latencies ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return NONE;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(sorted.length, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
  }

  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
