package dev.visualsearch.cli;

import dev.visualsearch.CollectionInfo;
import dev.visualsearch.FolderReport;
import dev.visualsearch.Metric;
import dev.visualsearch.ProgressListener;
import dev.visualsearch.SkippedFile;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.image.ImageLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code visualsearch index <folder> --model <onnx> --out <dir>}. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Embed every image under FOLDER (recursively) and save the collection to --out.",
      "Files that are not images by name are left alone; images that cannot be read are"
          + " skipped and listed with the reason.",
      "Run it again on the same --out to bring the collection up to date: only new and changed"
          + " images are embedded, renamed ones keep their vectors, and the items of images gone"
          + " from FOLDER are removed. The collection is saved every --checkpoint-seconds, so an"
          + " interrupted run continues where it stopped."
    })
final class IndexCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "The folder of images.")
  Path folder;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL",
      description =
          "An ONNX image model: an .onnx file, a directory holding one, or the name of a known"
              + " model (see the models command), downloaded once into the model cache.")
  Path model;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where the collection is saved (created if needed).")
  Path out;

  @Option(
      names = "--metric",
      defaultValue = "cosine",
      paramLabel = "METRIC",
      converter = MetricConverter.class,
      description = "cosine, l2 or inner_product, for a new collection (default: ${DEFAULT-VALUE}).")
  Metric metric;

  @Option(
      names = "--index-kind",
      paramLabel = "KIND",
      description = {
        "flat (exact search, the default), hnsw (approximate, for large collections) or"
            + " cassandra (see --cassandra), for a new collection; an existing one keeps its kind."
      })
  String indexKind;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads that decode and embed (default: the number of processors).")
  Integer threads;

  @Option(
      names = "--checkpoint-seconds",
      defaultValue = "60",
      paramLabel = "S",
      description = "Save the collection every S seconds while indexing (default: ${DEFAULT-VALUE}).")
  int checkpointSeconds;

  @Mixin ModelOptions modelOptions;

  @Mixin CassandraOptions cassandra;

  /** Saves the collection from the progress callback every {@link #checkpointSeconds}. */
  private ProgressListener withCheckpoints(VisualSearch search, ProgressListener printer) {
    if (checkpointSeconds < 1) {
      throw new IllegalArgumentException(
          "--checkpoint-seconds must be at least 1: " + checkpointSeconds);
    }
    long interval = checkpointSeconds * 1_000_000_000L;
    long[] lastSave = {System.nanoTime()};
    return (processed, skipped, total) -> {
      printer.progress(processed, skipped, total);
      if (processed < total && System.nanoTime() - lastSave[0] >= interval) {
        try {
          search.save(out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        lastSave[0] = System.nanoTime();
      }
    };
  }

  /** The existing collection's index kind, or the requested one (flat unless told) for a new one. */
  private VectorIndexFactory indexFactory(CollectionInfo existing) {
    if (cassandra.requested()) {
      String kind = existing != null ? existing.indexKind() : indexKind;
      if (kind != null && !kind.equalsIgnoreCase(CassandraOptions.KIND)) {
        throw new IllegalArgumentException(
            "--cassandra stores the vectors in Cassandra, but the collection"
                + (existing != null ? " in " + out + " is " : " was asked to be ") + kind);
      }
      return cassandra.factory();
    }
    cassandra.checkNoOtherOption();
    if (existing == null) {
      return IndexKinds.factory(indexKind == null ? "flat" : indexKind);
    }
    if (indexKind != null && !indexKind.equalsIgnoreCase(existing.indexKind())) {
      throw new IllegalArgumentException(
          "--index-kind "
              + indexKind
              + " does not match the collection in "
              + out
              + ", which is "
              + existing.indexKind()
              + "; index into a new --out to change the kind");
    }
    return IndexKinds.factory(existing.indexKind());
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    try (OnnxImageEmbedder embedder = modelOptions.load(model, null)) {
      err.printf(
          "model %s: %d-d embedding from tensor '%s'%n",
          embedder.modelFile(), embedder.dimension(), embedder.embeddingTensor());
      boolean existing = VisualSearch.exists(out);
      CollectionInfo info = existing ? VisualSearch.describe(out) : null;
      VectorIndexFactory indexFactory = indexFactory(info);
      ImageLoader loader =
          modelOptions.loaderFor(embedder, existing ? info.imageLoader() : null, err);
      err.printf("images decoded as %s%n", loader.description());
      VisualSearch.Builder builder =
          VisualSearch.builder()
              .embedder(embedder)
              .index(indexFactory)
              .imageLoader(loader);
      ModelOptions.attributesOf(embedder, modelOptions.embeddingTensor != null)
          .forEach(builder::attribute);
      if (threads != null) {
        builder.threads(threads);
      }
      if (!existing) {
        builder.metric(metric);
      }
      try (VisualSearch search = existing ? builder.open(out) : builder.build()) {
        if (existing) {
          err.printf("adding to the collection in %s (%d items)%n", out, search.size());
        }
        FolderReport report =
            search.syncFolder(folder, withCheckpoints(search, new ProgressPrinter(err)));
        for (SkippedFile skipped : report.skipped()) {
          err.printf(
              "skipped %s: %s%n",
              Printable.escape(skipped.file().toString()),
              Printable.escape(skipped.reason()));
        }
        search.save(out);
        stdout.printf(
            Locale.ROOT,
            "indexed %d images from %s into %s in %.1f s (%.1f images/s): %d new, %d changed,"
                + " %d unchanged, %d renamed or copied, %d removed, %d skipped, %d non-image"
                + " files ignored; the collection holds %d items%n",
            report.embedded() + report.unchanged() + report.reused(),
            folder,
            out,
            report.elapsed().toMillis() / 1000.0,
            report.imagesPerSecond(),
            report.added(),
            report.updated(),
            report.unchanged(),
            report.reused(),
            report.removed(),
            report.skipped().size(),
            report.ignored(),
            search.size());
      }
    }
    return 0;
  }
}
