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
 * <p>Every stage uses the whole machine ({@code threads} = the number of processors). Each row
 * gives images per second as measured and the CPU milliseconds per image (all the process's
 * threads), which a shared, loaded machine distorts far less; the "idle" ratios project the CPU
 * cost onto the machine's cores with nothing else running. {@code c / min(a, b)} is the share of
 * the slower stage's speed that the pipeline reaches; {@code c / bound} compares with {@code
 * 1 / (1/a + 1/b)}, the most a machine can give when both stages need the same cores (they do on
 * a CPU-only machine: the pipeline can then hide the faster stage only when it is much faster).
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
    // Each section is printed as soon as it is done (JMH's own output runs in between).
    if (sections.contains("threads")) {
      print(report.threads());
    }
    if (sections.contains("stages")) {
      print(report.stages());
    }
    if (sections.contains("variants")) {
      print(report.variants());
    }
  }

  private static void print(String section) {
    System.out.println();
    System.out.println(section);
    System.out.flush();
  }

  /** ONNX Runtime threads x workers x spinning, inference only, batch 8. */
  private String threads() throws Exception {
    Map<String, Rate> rates = run(EmbedInferenceBenchmark.class, Map.of(
        "model", models, "batch", new String[] {"8"},
        "workers", new String[] {"1", String.valueOf(cores)},
        "intraOpThreads", new String[] {"1", String.valueOf(cores)},
        "spinning", new String[] {"false", "true"}));
    StringBuilder s = new StringBuilder(
        "## (a) inference only, batch 8: ONNX Runtime threads x workers x spinning\n"
            + "model  workers  intra-op threads  spinning  images/s  CPU-ms/image\n");
    for (Map.Entry<String, Rate> e : rates.entrySet()) {
      Map<String, String> p = parse(e.getKey());
      s.append(String.format(Locale.ROOT, "%-6s %7s  %16s  %8s  %8.1f  %12.2f%n", p.get("model"),
          p.get("workers"), p.get("intraOpThreads"), p.get("spinning"),
          e.getValue().imagesPerSecond(), e.getValue().cpuMsPerImage()));
    }
    return s.append('\n').toString();
  }

  /** (a), (b), (c) for each model, image set and batch size, with the ratios. */
  private String stages() throws Exception {
    String[] batches = {"1", "8", "32"};
    String[] sets = {"small", "photos", "large"};
    Map<String, Rate> inference = run(EmbedInferenceBenchmark.class, Map.of(
        "model", models, "batch", batches, "workers", new String[] {String.valueOf(cores)}));
    Map<String, Rate> decode = run(EmbedDecodeBenchmark.class, Map.of(
        "model", models, "images", sets, "decoder", new String[] {"turbo", "imageio"},
        "threads", new String[] {String.valueOf(cores)}));
    Map<String, Rate> endToEnd = run(EmbedEndToEndBenchmark.class, Map.of(
        "model", models, "batch", batches, "images", sets, "decoder", new String[] {"turbo"},
        "mode", new String[] {"pipeline"},
        "decodeThreads", new String[] {String.valueOf(cores)},
        "inferenceThreads", new String[] {String.valueOf(cores)}));
    StringBuilder s = new StringBuilder(
        "## stages: (a) inference only, (b) decode+preprocess only (reduced JPEG decoding;"
            + " ImageIO full decoding beside it), (c) end to end with EmbeddingPipeline\n"
            + "## measured: images/s (wall clock, as loaded as the machine was) and CPU-ms per"
            + " image; ratios from the measured images/s, and from the CPU cost projected to "
            + cores + " idle cores (images/s = cores / CPU-s per image)\n"
            + "model  images  batch | (a) img/s  CPU-ms | (b) img/s  CPU-ms | ImageIO img/s"
            + "  CPU-ms | (c) img/s  CPU-ms | measured c/min(a,b)  c/a | idle c/min(a,b)  c/a"
            + "  c/bound\n");
    for (String model : models) {
      for (String set : sets) {
        for (String batch : batches) {
          Rate a = find(inference, "model", model, "batch", batch);
          Rate b = find(decode, "model", model, "images", set, "decoder", "turbo");
          Rate bImageIo = find(decode, "model", model, "images", set, "decoder", "imageio");
          Rate c = find(endToEnd, "model", model, "batch", batch, "images", set);
          double ai = a.idle(cores);
          double bi = b.idle(cores);
          double ci = c.idle(cores);
          double bound = 1 / (1 / ai + 1 / bi);
          s.append(String.format(Locale.ROOT,
              "%-6s %-7s %5s | %9.1f  %6.2f | %9.1f  %6.2f | %13.1f  %6.2f | %9.1f  %6.2f |"
                  + " %19.2f %4.2f | %15.2f %4.2f  %7.2f%n",
              model, set, batch, a.imagesPerSecond(), a.cpuMsPerImage(), b.imagesPerSecond(),
              b.cpuMsPerImage(), bImageIo.imagesPerSecond(), bImageIo.cpuMsPerImage(),
              c.imagesPerSecond(), c.cpuMsPerImage(),
              c.imagesPerSecond() / Math.min(a.imagesPerSecond(), b.imagesPerSecond()),
              c.imagesPerSecond() / a.imagesPerSecond(), ci / Math.min(ai, bi), ci / ai,
              ci / bound));
        }
      }
    }
    return s.append('\n').toString();
  }

  /** Batch 8: pipeline vs the folder indexer's worker scheme, reduced vs full decoding. */
  private String variants() throws Exception {
    Map<String, Rate> rates = run(EmbedEndToEndBenchmark.class, Map.of(
        "model", models, "batch", new String[] {"8"},
        "images", new String[] {"small", "photos", "large"},
        "decoder", new String[] {"turbo", "imageio"},
        "mode", new String[] {"pipeline", "workers"},
        "decodeThreads", new String[] {String.valueOf(cores)},
        "inferenceThreads", new String[] {String.valueOf(cores)}));
    StringBuilder s = new StringBuilder(
        "## (c) end to end, batch 8: EmbeddingPipeline vs workers that decode then embed"
            + " (the folder indexer's scheme), reduced (turbo) vs full (imageio) decoding\n"
            + "model  images  decoder  mode       images/s  CPU-ms/image\n");
    for (Map.Entry<String, Rate> e : rates.entrySet()) {
      Map<String, String> p = parse(e.getKey());
      s.append(String.format(Locale.ROOT, "%-6s %-7s %-8s %-9s %9.1f  %12.2f%n", p.get("model"),
          p.get("images"), p.get("decoder"), p.get("mode"), e.getValue().imagesPerSecond(),
          e.getValue().cpuMsPerImage()));
    }
    return s.append('\n').toString();
  }

  /** Images per second (wall clock) and CPU milliseconds per image of one run. */
  private record Rate(double imagesPerSecond, double cpuMsPerImage) {
    /** What the CPU cost allows on {@code cores} idle cores. */
    double idle(int cores) {
      return cores * 1000 / cpuMsPerImage;
    }
  }

  /** Runs one benchmark class over the parameter grid; returns the rates by "k=v,k=v" key. */
  private Map<String, Rate> run(Class<?> benchmark, Map<String, String[]> params)
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
    Map<String, Rate> rates = new LinkedHashMap<>();
    for (RunResult result : results) {
      BenchmarkParams bp = result.getParams();
      List<String> parts = new ArrayList<>();
      for (String key : bp.getParamsKeys()) {
        parts.add(key + "=" + bp.getParam(key));
      }
      Result<?> images = result.getSecondaryResults().get("images");
      Result<?> cpu = result.getSecondaryResults().get("cpuNanos");
      double perSecond = images == null ? Double.NaN : images.getScore();
      double cpuMs = cpu == null ? Double.NaN : cpu.getScore() / perSecond / 1e6;
      rates.put(String.join(",", parts), new Rate(perSecond, cpuMs));
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

  private static Rate find(Map<String, Rate> rates, String... keyValues) {
    outer:
    for (Map.Entry<String, Rate> e : rates.entrySet()) {
      Map<String, String> p = parse(e.getKey());
      for (int i = 0; i < keyValues.length; i += 2) {
        if (!keyValues[i + 1].equals(p.get(keyValues[i]))) {
          continue outer;
        }
      }
      return e.getValue();
    }
    return new Rate(Double.NaN, Double.NaN);
  }
}
