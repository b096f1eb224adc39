package dev.visualsearch.eval.harness;

import dev.visualsearch.eval.Measure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one harness run produced: the benchmarks, and the result of every configuration on
 * every benchmark, in the order benchmarks and configurations were given. Immutable and
 * thread-safe.
 *
 * @param benchmarks the benchmarks
 * @param measures the measures computed
 * @param depth how many results each query retrieved
 * @param overlapK the cut-off of the comparison with the exact index
 * @param results benchmark-major, then configuration order
 */
public record EvaluationReport(
    List<Benchmark> benchmarks, List<Measure> measures, int depth, int overlapK, List<ConfigurationResult> results) {

  /** @throws NullPointerException if an argument is null */
  public EvaluationReport {
    benchmarks = List.copyOf(benchmarks);
    measures = List.copyOf(measures);
    results = List.copyOf(results);
  }

  /** The benchmark called {@code name}. */
  public Optional<Benchmark> benchmark(String name) {
    Objects.requireNonNull(name, "name");
    return benchmarks.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
