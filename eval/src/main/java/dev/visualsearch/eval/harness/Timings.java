package dev.visualsearch.eval.harness;

/**
 * How long a configuration took on a benchmark. Wall-clock times on whatever machine ran it:
 * compare them only between configurations of the same run. Immutable and thread-safe.
 *
 * @param embeddedImages images embedded for this benchmark that were not cached from an earlier
 *     one
 * @param embedSeconds the time those took (decoding included)
 * @param indexSeconds the time to add all vectors to the index
 * @param search per-query search latency (index only: the query vector is embedded before)
 */
public record Timings(int embeddedImages, double embedSeconds, double indexSeconds, Latencies search) {

  /** Images per second of the embedding, NaN when none were embedded. */
  public double imagesPerSecond() {
    return embeddedImages == 0 ? Double.NaN : embeddedImages / embedSeconds;
  }
}
