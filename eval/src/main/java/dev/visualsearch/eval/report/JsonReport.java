package dev.visualsearch.eval.report;

import dev.visualsearch.eval.Measure;
import dev.visualsearch.eval.harness.Benchmark;
import dev.visualsearch.eval.harness.ConfigurationResult;
import dev.visualsearch.eval.harness.EvaluationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary as JSON, for programs: {@code {"depth", "overlapK", "measures": [{"label",
 * "trecName"}], "benchmarks": [{"name", "description", "items", "queries", "notes"}], "results":
 * [{"benchmark", "configuration", "embedder", "index", "queries", "queriesWithoutRelevant",
 * "means": {label: value}, "overlapWithExact", "timings": {...}, "unreadable"}]}}. NaN becomes
 * {@code null}. Stateless and thread-safe.
 */
public final class JsonReport {

  private JsonReport() {}

  /** The report as JSON text. */
  public static String of(EvaluationReport report) {
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"depth\": ").append(report.depth()).append(",\n");
    json.append("  \"overlapK\": ").append(report.overlapK()).append(",\n");
    List<String> measures = new ArrayList<>();
    for (Measure m : report.measures()) {
      measures.add("{\"label\": " + Json.string(m.label()) + ", \"trecName\": " + Json.string(m.trecName()) + "}");
    }
    json.append("  \"measures\": [").append(String.join(", ", measures)).append("],\n");
    List<String> benchmarks = new ArrayList<>();
    for (Benchmark b : report.benchmarks()) {
      benchmarks.add("    {\"name\": " + Json.string(b.name()) + ", \"description\": " + Json.string(b.description())
          + ", \"items\": " + b.items().size() + ", \"queries\": " + b.judgedQueries()
          + ", \"notes\": " + strings(b.notes()) + "}");
    }
    json.append("  \"benchmarks\": [\n").append(String.join(",\n", benchmarks)).append("\n  ],\n");
    List<String> results = new ArrayList<>();
    for (ConfigurationResult r : report.results()) {
      List<String> means = new ArrayList<>();
      for (Measure m : report.measures()) {
        means.add(Json.string(m.label()) + ": " + Json.number(r.evaluation().mean(m)));
      }
      results.add("    {\"benchmark\": " + Json.string(r.benchmark())
          + ", \"configuration\": " + Json.string(r.configuration().name())
          + ", \"embedder\": " + Json.string(r.configuration().embedder().name())
          + ", \"index\": " + Json.string(r.configuration().index().name())
          + ", \"queries\": " + r.evaluation().queries().size()
          + ", \"queriesWithoutRelevant\": " + r.evaluation().queriesWithoutRelevant().size()
          + ",\n      \"means\": {" + String.join(", ", means) + "}"
          + ",\n      \"overlapWithExact\": "
          + (r.overlapWithExact().isPresent() ? Json.number(r.overlapWithExact().getAsDouble()) : "null")
          + ", \"timings\": {\"embeddedImages\": " + r.timings().embeddedImages()
          + ", \"embedSeconds\": " + Json.number(r.timings().embedSeconds())
          + ", \"indexSeconds\": " + Json.number(r.timings().indexSeconds())
          + ", \"searchP50Millis\": " + Json.number(r.timings().search().p50Millis())
          + ", \"searchP99Millis\": " + Json.number(r.timings().search().p99Millis()) + "}"
          + ", \"unreadable\": " + strings(r.unreadable()) + "}");
    }
    json.append("  \"results\": [\n").append(String.join(",\n", results)).append("\n  ]\n}\n");
    return json.toString();
  }

  private static String strings(List<String> values) {
    return "[" + String.join(", ", values.stream().map(Json::string).toList()) + "]";
  }
}
