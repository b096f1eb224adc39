package dev.visualsearch.benchmarks.embed;

import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the three embedding benchmarks in one go and prints images per second per stage with the
 * ratios the throughput goals are stated in:
 *
 * <ul>
 *   <li>(a) {@link EmbedInferenceBenchmark}: the model alone, on pre-built input batches;
 *   <li>(b) {@link EmbedDecodeBenchmark}: reading, decoding and preprocessing alone;
 *   <li>(c) {@link EmbedEndToEndBenchmark}: files to normalised vectors with {@code
 *       EmbeddingPipeline}.
 * </ul>
 *
 * <p>Every stage uses the whole machine ({@code threads} = the number of processors). {@code
 * c / min(a, b)} is the share of the slower stage's speed that the pipeline reaches; {@code c /
 * bound} compares with {@code 1 / (1/a + 1/b)}, the most a machine can give when both stages need
 * the same cores (they do on a CPU-only machine; the pipeline can then hide the faster stage only
 * when it is much faster).
 *
 * <pre>
 * java -cp benchmarks/target/visualsearch-benchmarks.jar \
 *     dev.visualsearch.benchmarks.embed.EmbedThroughputReport [--quick] [--models zoo,st]
 *     [--sections threads,stages,variants]
 * </pre>
 */
public final class EmbedThroughputReport {

  private final boolean quick;
  private final String[] models;
  private final int cores = Runtime.getRuntime().availableProcessors();

  private EmbedThroughputReport(boolean quick, String[] models) {
    this.quick = quick;
    this.models = models;
  }

  /** Runs the report; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    String[] models = {"zoo", "st"};
    List<String> sections = List.of("threads", "stages", "variants");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          quick = true;
          break;
        case "--models":
          models = args[++i].split(",");
          break;
        case "--sections":
          sections = Arrays.asList(args[++i].split(","));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]
              + "; use --quick, --models zoo,st, --sections threads,stages,variants");
      }
    }
    EmbedThroughputReport report = new EmbedThroughputReport(quick, models);
    System.out.println("# embedding throughput, " + report.cores + " processors, Java "
        + System.getProperty("java.version") + ", " + ScaledImageDecoder.turboJpegStatus());
    StringBuilder out = new StringBuilder();
    if (sections.contains("threads")) {
      out.append(report.threads());
    }
    if (sections.contains("stages")) {
      out.append(report.stages());
    }
    if (sections.contains("variants")) {
      out.append(report.variants());
    }
    System.out.println();
    System.out.println(out);
  }

  /** ONNX Runtime threads x workers x spinning, inference only, batch 8. */
  private String threads() throws Exception {
    Map<String, Double> rates = run(EmbedInferenceBenchmark.class, Map.of(
        "model", models, "batch", new String[] {"8"},
        "workers", new String[] {"1", String.valueOf(cores)},
        "intraOpThreads", new String[] {"1", String.valueOf(cores)},
        "spinning", new String[] {"false", "true"}));
    StringBuilder s = new StringBuilder(
        "## (a) inference only, batch 8: ONNX Runtime threads x workers x spinning\n"
            + "model  workers  intra-op threads  spinning  images/s\n");
    for (Map.Entry<String, Double> e : rates.entrySet()) {
      Map<String, String> p = parse(e.getKey());
      s.append(String.format(Locale.ROOT, "%-6s %7s  %16s  %8s  %8.1f%n", p.get("model"),
          p.get("workers"), p.get("intraOpThreads"), p.get("spinning"), e.getValue()));
    }
    return s.append('\n').toString();
  }

  /** (a), (b), (c) for each model, image set and batch size, with the ratios. */
  private String stages() throws Exception {
    String[] batches = {"1", "8", "32"};
    String[] sets = {"small", "photos", "large"};
    Map<String, Double> inference = run(EmbedInferenceBenchmark.class, Map.of(
        "model", models, "batch", batches, "workers", new String[] {String.valueOf(cores)}));
    Map<String, Double> decode = run(EmbedDecodeBenchmark.class, Map.of(
        "model", models, "images", sets, "decoder", new String[] {"turbo", "imageio"},
        "threads", new String[] {String.valueOf(cores)}));
    Map<String, Double> endToEnd = run(EmbedEndToEndBenchmark.class, Map.of(
        "model", models, "batch", batches, "images", sets, "decoder", new String[] {"turbo"},
        "mode", new String[] {"pipeline"},
        "decodeThreads", new String[] {String.valueOf(cores)}));
    StringBuilder s = new StringBuilder(
        "## stages, images/s: (a) inference only, (b) decode+preprocess only (reduced JPEG"
            + " decoding; ImageIO full decoding beside it), (c) end to end with EmbeddingPipeline\n"
            + "model  images  batch   (a) infer  (b) decode  (b) ImageIO   (c) e2e"
            + "  c/min(a,b)   c/a   bound  c/bound\n");
    for (String model : models) {
      for (String set : sets) {
        for (String batch : batches) {
          double a = find(inference, "model", model, "batch", batch);
          double b = find(decode, "model", model, "images", set, "decoder", "turbo");
          double bImageIo = find(decode, "model", model, "images", set, "decoder", "imageio");
          double c = find(endToEnd, "model", model, "batch", batch, "images", set);
          double bound = 1 / (1 / a + 1 / b);
          s.append(String.format(Locale.ROOT,
              "%-6s %-7s %5s  %10.1f  %10.1f  %11.1f  %8.1f  %10.2f  %5.2f  %6.1f  %7.2f%n",
              model, set, batch, a, b, bImageIo, c, c / Math.min(a, b), c / a, bound,
              c / bound));
        }
      }
    }
    return s.append('\n').toString();
  }

  /** Batch 8: pipeline vs the folder indexer's worker scheme, reduced vs full decoding. */
  private String variants() throws Exception {
    Map<String, Double> rates = run(EmbedEndToEndBenchmark.class, Map.of(
        "model", models, "batch", new String[] {"8"},
        "images", new String[] {"small", "photos", "large"},
        "decoder", new String[] {"turbo", "imageio"},
        "mode", new String[] {"pipeline", "workers"},
        "decodeThreads", new String[] {String.valueOf(cores)}));
    StringBuilder s = new StringBuilder(
        "## (c) end to end, batch 8: EmbeddingPipeline vs workers that decode then embed"
            + " (the folder indexer's scheme), reduced (turbo) vs full (imageio) decoding\n"
            + "model  images  decoder  mode       images/s\n");
    for (Map.Entry<String, Double> e : rates.entrySet()) {
      Map<String, String> p = parse(e.getKey());
      s.append(String.format(Locale.ROOT, "%-6s %-7s %-8s %-9s %9.1f%n", p.get("model"),
          p.get("images"), p.get("decoder"), p.get("mode"), e.getValue()));
    }
    return s.append('\n').toString();
  }

  /** Runs one benchmark class over the parameter grid; returns images/s by "k=v,k=v" key. */
  private Map<String, Double> run(Class<?> benchmark, Map<String, String[]> params)
      throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(benchmark.getName() + "\\.")
        .forks(1)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(TimeValue.seconds(quick ? 1 : 2))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.seconds(quick ? 2 : 3));
    for (Map.Entry<String, String[]> p : params.entrySet()) {
      options.param(p.getKey(), p.getValue());
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, Double> rates = new LinkedHashMap<>();
    for (RunResult result : results) {
      BenchmarkParams bp = result.getParams();
      List<String> parts = new ArrayList<>();
      for (String key : bp.getParamsKeys()) {
        parts.add(key + "=" + bp.getParam(key));
      }
      Result<?> images = result.getSecondaryResults().get("images");
      rates.put(String.join(",", parts), images == null ? Double.NaN : images.getScore());
    }
    return rates;
  }

  private static Map<String, String> parse(String key) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String part : key.split(",")) {
      String[] kv = part.split("=", 2);
      p.put(kv[0], kv[1]);
    }
    return p;
  }

  private static double find(Map<String, Double> rates, String... keyValues) {
    outer:
    for (Map.Entry<String, Double> e : rates.entrySet()) {
      Map<String, String> p = parse(e.getKey());
      for (int i = 0; i < keyValues.length; i += 2) {
        if (!keyValues[i + 1].equals(p.get(keyValues[i]))) {
          continue outer;
        }
      }
      return e.getValue();
    }
    return Double.NaN;
  }
}
