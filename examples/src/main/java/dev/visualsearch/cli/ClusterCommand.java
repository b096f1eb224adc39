package dev.visualsearch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.report.ThumbnailPage;
import dev.visualsearch.eval.report.ThumbnailPage.Frame;
import dev.visualsearch.eval.report.ThumbnailPage.Tile;
import dev.visualsearch.organize.ImageCluster;
import dev.visualsearch.organize.KMeans;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code visualsearch cluster --index <dir> -k <n>}: groups of look-alike images. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Organise a collection into K groups of look-alike images (k-means on the embeddings,"
          + " k-means++ seeded), each with a representative: the member nearest the group's"
          + " centre. Largest group first."
    })
final class ClusterCommand implements Callable<Integer> {

  /** How the clusters are written to standard output. */
  enum Format { TEXT, JSON, CSV }

  /** Above this many items, mini-batch k-means is used. */
  private static final int MINI_BATCH_ABOVE = 50_000;

  @Spec CommandSpec spec;

  @Option(names = "-k", required = true, paramLabel = "K", description = "How many clusters.")
  int k;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
      description = "Seed of the k-means++ draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write a self-contained HTML page of the clusters' thumbnails.")
  Path html;

  @Option(names = "--links", paramLabel = "DIR",
      description = "Also make a folder per cluster under DIR holding symbolic links to its"
          + " images (DIR must not exist yet).")
  Path links;

  @Mixin CollectionOptions collection;

  @Override
  public Integer call() throws Exception {
    KMeans.Builder kMeans = KMeans.builder(k).seed(seed);
    if (links != null && Files.exists(links)) {
      throw new FileAlreadyExistsException(links.toString(), null, "--links wants a new folder");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (CollectionOptions.Opened opened = collection.open(spec.commandLine().getErr())) {
      VisualSearch search = opened.search();
      if (search.size() > MINI_BATCH_ABOVE) {
        kMeans.miniBatchSize(4096).maxIterations(200);
      }
      List<ImageCluster> clusters = search.cluster(kMeans.build());
      switch (format) {
        case TEXT -> clusters.forEach(c -> {
          out.printf("cluster %d: %d items, representative %s%n", c.index(), c.size(),
              Printable.escape(c.representative()));
          c.members().forEach(id -> out.println("  " + Printable.escape(id)));
        });
        case JSON -> writeJson(clusters, out);
        case CSV -> {
          Csv.row(out, List.of("cluster", "id", "representative", "source"));
          for (ImageCluster c : clusters) {
            for (String id : c.members()) {
              Csv.row(out, List.of(Integer.toString(c.index()), id,
                  Boolean.toString(id.equals(c.representative())),
                  search.entry(id).flatMap(e -> e.source()).orElse("")));
            }
          }
        }
      }
      out.flush();
      spec.commandLine().getErr().printf("%d clusters of %d items%n", clusters.size(), search.size());
      if (html != null) {
        Pages.write(page(clusters, search), html);
      }
      if (links != null) {
        link(clusters, search);
      }
    }
    return 0;
  }

  private static void writeJson(List<ImageCluster> clusters, PrintWriter out) throws IOException {
    JsonGenerator json = new JsonFactory().createGenerator(out);
    json.useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeArrayFieldStart("clusters");
    for (ImageCluster cluster : clusters) {
      json.writeStartObject();
      json.writeNumberField("cluster", cluster.index());
      json.writeStringField("representative", cluster.representative());
      json.writeArrayFieldStart("members");
      for (String id : cluster.members()) {
        json.writeString(id);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.flush();
    out.println();
  }

  private ThumbnailPage page(List<ImageCluster> clusters, VisualSearch search) {
    ThumbnailPage page = new ThumbnailPage("Clusters", Pages.THUMBNAIL_SIZE)
        .paragraph(clusters.size() + " clusters of " + search.size()
            + " images; each row starts with its representative (blue).");
    for (ImageCluster cluster : clusters) {
      List<Tile> tiles = new ArrayList<>();
      tiles.add(new Tile(Pages.imageOf(search, cluster.representative()),
          cluster.representative(), Frame.PRIMARY));
      for (String id : cluster.members()) {
        if (!id.equals(cluster.representative())) {
          tiles.add(new Tile(Pages.imageOf(search, id), id, Frame.PLAIN));
        }
      }
      page.row("cluster " + cluster.index() + "\n" + cluster.size() + " images", tiles);
    }
    return page;
  }

  /**
   * One folder per cluster, {@code cluster-000} for the largest, with numbered links to its
   * images ({@code 000-} is the representative); names are the ids with '/' and control
   * characters replaced, so they stay readable.
   */
  private void link(List<ImageCluster> clusters, VisualSearch search) throws IOException {
    Files.createDirectories(links);
    for (ImageCluster cluster : clusters) {
      Path folder =
          Files.createDirectory(links.resolve(String.format(Locale.ROOT, "cluster-%03d", cluster.index())));
      List<String> ordered = new ArrayList<>();
      ordered.add(cluster.representative());
      cluster.members().stream().filter(id -> !id.equals(cluster.representative())).forEach(ordered::add);
      for (int i = 0; i < ordered.size(); i++) {
        Path image = Pages.imageOf(search, ordered.get(i));
        if (image != null) {
          String name = ordered.get(i).replaceAll("[/\\\\\\p{Cntrl}]", "_");
          Files.createSymbolicLink(
              folder.resolve(String.format(Locale.ROOT, "%03d-%s", i, name)), image.toAbsolutePath());
        }
      }
    }
  }
}
