package dev.visualsearch.cli;

import dev.visualsearch.Metric;
import dev.visualsearch.augment.Augmentation;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.embed.onnx.Preprocessing;
import dev.visualsearch.eval.Measure;
import dev.visualsearch.eval.harness.AugmentedCopiesProtocol;
import dev.visualsearch.eval.harness.Benchmark;
import dev.visualsearch.eval.harness.Configuration;
import dev.visualsearch.eval.harness.EmbedderChoice;
import dev.visualsearch.eval.harness.EvaluationReport;
import dev.visualsearch.eval.harness.GroupsProtocol;
import dev.visualsearch.eval.harness.Harness;
import dev.visualsearch.eval.harness.IndexChoice;
import dev.visualsearch.eval.harness.LabelsProtocol;
import dev.visualsearch.eval.harness.QrelsProtocol;
import dev.visualsearch.eval.report.MarkdownReport;
import dev.visualsearch.eval.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code visualsearch eval --model <onnx>... --out <dir> [protocols]}. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure answer quality: build benchmarks with the chosen protocols, run every configuration"
          + " (model × preprocessing × quality option × index × metric) on them, and write the table of MRR, mAP,"
          + " nDCG, recall, hit rate and precision (trec_eval definitions).",
      "Prints the Markdown table; writes report.md, report.json, index.html, one picture page per"
          + " configuration and benchmark, and TREC qrels and run files to --out."
    })
final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "An ONNX image model (file, directory, or a name from the models command);"
          + " repeat to compare models.")
  List<Path> models;

  @Option(names = "--preprocessing", split = ",", defaultValue = "default", paramLabel = "PRESET",
      description = "Preprocessing presets to compare: default (the model's own), center-crop, squash"
          + " (default: ${DEFAULT-VALUE}).")
  List<String> presets;

  @Option(names = "--quality", split = ",", defaultValue = "none", paramLabel = "OPTION",
      description = "Embedder quality options to compare: none, flip (average with the mirrored"
          + " image), multi-scale (average over views at several scales), flip+multi-scale"
          + " (default: ${DEFAULT-VALUE}).")
  List<String> qualities;

  @Option(names = "--index", split = ",", defaultValue = "flat", paramLabel = "INDEX",
      description = "Index kinds to compare (default: ${DEFAULT-VALUE}).")
  List<String> indexes;

  @Option(names = "--metric", split = ",", defaultValue = "cosine", paramLabel = "METRIC",
      converter = MetricConverter.class,
      description = "Metrics to compare: cosine, l2, inner_product (default: ${DEFAULT-VALUE}).")
  List<Metric> metrics;

  @Option(names = "--augmented", paramLabel = "FOLDER",
      description = "Protocol 1: hide augmented copies of test images drawn from FOLDER among the rest"
          + " of it, and query with the originals (the notebook's protocol).")
  Path augmentedFolder;

  @Option(names = "--augmented-queries", defaultValue = "100", paramLabel = "N",
      description = "Protocol 1: how many test images (default: ${DEFAULT-VALUE}).")
  int augmentedQueries;

  @Option(names = "--copies", defaultValue = "1", paramLabel = "N",
      description = "Protocol 1: augmented copies per test image (default: ${DEFAULT-VALUE}).")
  int copies;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
      description = "Protocol 1: seeds the draw of test images and their copies (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--labels", paramLabel = "CSV",
      description = "Protocol 2: a CSV 'path,label' (paths relative to it); every image queries the"
          + " rest, the same label is relevant.")
  Path labelsCsv;

  @Option(names = "--groups", paramLabel = "CSV",
      description = "Protocol 3: a CSV 'group,path' of photos of the same object; every photo queries"
          + " the rest, its group is relevant.")
  Path groupsCsv;

  @Option(names = "--distractors", paramLabel = "FOLDER",
      description = "Protocol 3: folders of unrelated images to hide the groups among; repeatable.")
  List<Path> distractors = new ArrayList<>();

  @Option(names = "--collection", paramLabel = "FOLDER",
      description = "Given judgements: the images to index (with --queries and --qrels).")
  Path collection;

  @Option(names = "--queries", paramLabel = "FOLDER", description = "Given judgements: the query images.")
  Path queries;

  @Option(names = "--qrels", paramLabel = "FILE",
      description = "Given judgements: a TREC qrels file (ids relative to the folders).")
  Path qrels;

  @Option(names = "--depth", defaultValue = "100", paramLabel = "N",
      description = "Results retrieved per query; MRR and mAP are computed over them (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--measures", split = ",", paramLabel = "MEASURE",
      description = "Table columns, e.g. MRR,mAP,nDCG@10,R@5,HR@5,P@5 (default: MRR, mAP, nDCG@10,"
          + " R@1/5/10, HR@1/5/10, P@5/10).")
  List<String> measures;

  @Option(names = "--html-k", defaultValue = "10", paramLabel = "K",
      description = "Results shown per query on the picture pages (default: ${DEFAULT-VALUE}).")
  int htmlK;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads that decode and embed (default: the number of processors).")
  Integer threads;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where the reports go (created if needed); protocol 1 writes its copies to DIR/augmented.")
  Path out;

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Harness.Builder harness = Harness.builder().depth(depth).log(line -> {
      err.println(Printable.escape(line));
      err.flush();
    });
    if (threads != null) {
      harness.threads(threads);
    }
    if (measures != null) {
      try {
        harness.measures(measures.stream().map(Measure::parse).toList());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    for (Configuration configuration : configurations()) {
      harness.configuration(configuration);
    }
    List<Benchmark> benchmarks = benchmarks();
    EvaluationReport report = harness.build().run(benchmarks);
    List<Path> written = ReportFiles.write(report, out, htmlK);
    stdout.print(MarkdownReport.of(report));
    stdout.flush();
    err.printf("wrote %d files to %s (open %s)%n", written.size(), out, out.resolve("index.html"));
    return 0;
  }

  private List<Configuration> configurations() {
    List<Configuration> configurations = new ArrayList<>();
    for (Path model : models) {
      for (String preset : presets) {
        Preprocessing.Geometry geometry = geometry(preset);
        for (String quality : qualities) {
          QualityOptions options = quality(quality);
          String name = modelName(model)
              + (presets.size() > 1 || geometry != null ? "/" + preset : "")
              + (qualities.size() > 1 || options.any() ? "/" + quality : "");
          EmbedderChoice embedder = new EmbedderChoice(name, () -> open(model, geometry, options));
          for (String index : indexes) {
            for (Metric metric : metrics) {
              IndexChoice choice;
              try {
                choice = IndexChoices.of(index, metric);
              } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
              }
              configurations.add(new Configuration(embedder, choice));
            }
          }
        }
      }
    }
    return configurations;
  }

  private OnnxImageEmbedder open(Path model, Preprocessing.Geometry geometry, QualityOptions quality)
      throws IOException {
    Preprocessing other = null;
    if (geometry != null) {
      // The model's own encoding (float mean/std or raw uint8) with the other geometry.
      try (OnnxImageEmbedder probe = modelOptions.load(model, null)) {
        if (probe.preprocessing().geometry() != geometry) {
          other = probe.preprocessing().withGeometry(geometry);
        }
      }
    }
    OnnxImageEmbedder.Builder builder =
        modelOptions.builder(model, null)
            .flipAveraging(quality.flip())
            .multiScale(quality.multiScale());
    if (other != null) {
      builder.preprocessing(other);
    }
    return builder.build();
  }

  /** The embedder's optional quality views, off by default. */
  private record QualityOptions(boolean flip, boolean multiScale) {
    boolean any() {
      return flip || multiScale;
    }
  }

  private QualityOptions quality(String option) {
    switch (option.toLowerCase(Locale.ROOT)) {
      case "none":
        return new QualityOptions(false, false);
      case "flip":
        return new QualityOptions(true, false);
      case "multi-scale":
        return new QualityOptions(false, true);
      case "flip+multi-scale":
      case "multi-scale+flip":
        return new QualityOptions(true, true);
      default:
        throw new ParameterException(spec.commandLine(),
            "unknown quality option '" + option + "'; use none, flip, multi-scale or flip+multi-scale");
    }
  }

  private Preprocessing.Geometry geometry(String preset) {
    switch (preset.toLowerCase(Locale.ROOT)) {
      case "default":
        return null;
      case "center-crop":
        return Preprocessing.Geometry.CENTER_CROP;
      case "squash":
        return Preprocessing.Geometry.SQUASH;
      default:
        throw new ParameterException(spec.commandLine(),
            "unknown preprocessing preset '" + preset + "'; use default, center-crop or squash");
    }
  }

  private List<Benchmark> benchmarks() throws IOException {
    List<Benchmark> benchmarks = new ArrayList<>();
    if (augmentedFolder != null) {
      benchmarks.add(new AugmentedCopiesProtocol(augmentedFolder, augmentedQueries, copies, Augmentation.notebook(), seed)
          .build("augmented", out.resolve("augmented")));
    }
    if (labelsCsv != null) {
      benchmarks.add(new LabelsProtocol(labelsCsv).build("labels"));
    }
    if (groupsCsv != null) {
      benchmarks.add(new GroupsProtocol(groupsCsv, distractors).build("groups"));
    } else if (!distractors.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--distractors goes with --groups");
    }
    int given = (collection != null ? 1 : 0) + (queries != null ? 1 : 0) + (qrels != null ? 1 : 0);
    if (given == 3) {
      benchmarks.add(new QrelsProtocol(collection, queries, qrels).build("given"));
    } else if (given > 0) {
      throw new ParameterException(spec.commandLine(), "--collection, --queries and --qrels go together");
    }
    if (benchmarks.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "nothing to evaluate: give --augmented, --labels, --groups, or --collection with --queries and --qrels");
    }
    return benchmarks;
  }

  private static String modelName(Path model) {
    String name = model.getFileName().toString();
    return name.toLowerCase(Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
  }
}
