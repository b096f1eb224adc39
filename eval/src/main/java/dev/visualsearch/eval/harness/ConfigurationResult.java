package dev.visualsearch.eval.harness;

import dev.visualsearch.eval.Evaluation;
import dev.visualsearch.eval.Run;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The outcome of one configuration on one benchmark. Immutable and thread-safe.
 *
 * @param benchmark the benchmark's name
 * @param configuration the configuration
 * @param evaluation the metrics, per query and mean
 * @param run the ranked answers (excluded ids already left out)
 * @param timings how long it took
 * @param overlapWithExact for an approximate index: the mean over queries of {@code |top-k ∩
 *     exact top-k| / |exact top-k|} against the exact index of the same embedder, at {@link
 *     Harness.Builder#overlapK the overlap cut-off}; empty for an exact index or when the run had
 *     none
 * @param unreadable image files that could not be decoded or embedded ("file: reason"); left out
 *     of the collection, the queries and the judgements
 */
public record ConfigurationResult(
    String benchmark,
    Configuration configuration,
    Evaluation evaluation,
    Run run,
    Timings timings,
    OptionalDouble overlapWithExact,
    List<String> unreadable) {

  /** @throws NullPointerException if an argument is null */
  public ConfigurationResult {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(overlapWithExact, "overlapWithExact");
    unreadable = List.copyOf(unreadable);
  }
}
