package dev.visualsearch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.visualsearch.CatalogEntry;
import dev.visualsearch.SourceFile;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.report.ThumbnailPage;
import dev.visualsearch.eval.report.ThumbnailPage.Frame;
import dev.visualsearch.eval.report.ThumbnailPage.Tile;
import dev.visualsearch.organize.DuplicateGroup;
import dev.visualsearch.organize.DuplicateOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code visualsearch dedup --index <dir>}: groups of copies and which copy to keep. */
@Command(
    name = "dedup",
    mixinStandardHelpOptions = true,
    description = {
      "Find the copies in a collection: byte-identical files, and images at least --copy-cosine"
          + " alike (re-encoded, resized, slightly cropped or recoloured). Each group names the"
          + " copy to keep; nothing is deleted."
    })
final class DedupCommand implements Callable<Integer> {

  /** Which copy of a group to keep. */
  enum Keep {
    /** The most pixels, then the oldest file. */
    LARGEST(DuplicateOptions.LARGEST_THEN_OLDEST),
    /** The oldest file, then the most pixels. */
    OLDEST(Comparator.<CatalogEntry, Instant>comparing(
            e -> e.sourceFile().map(SourceFile::lastModified).orElse(Instant.MAX))
        .thenComparing(DuplicateOptions.LARGEST_THEN_OLDEST)),
    /** The newest file, then the most pixels. */
    NEWEST(Comparator.<CatalogEntry, Instant>comparing(
            e -> e.sourceFile().map(SourceFile::lastModified).orElse(Instant.MIN),
            Comparator.reverseOrder())
        .thenComparing(DuplicateOptions.LARGEST_THEN_OLDEST));

    final Comparator<CatalogEntry> order;

    Keep(Comparator<CatalogEntry> order) {
      this.order = order;
    }
  }

  /** How the groups are written to standard output. */
  enum Format { TEXT, JSON, CSV }

  @Spec CommandSpec spec;

  @Option(names = "--copy-cosine", defaultValue = "" + DuplicateOptions.DEFAULT_COPY_COSINE,
      paramLabel = "C",
      description = "Cosine similarity at and above which two images are copies"
          + " (default: ${DEFAULT-VALUE}; see the README for what the scores mean per model).")
  double copyCosine;

  @Option(names = "--keep", defaultValue = "largest", paramLabel = "POLICY",
      description = "Which copy to keep: largest (most pixels, then oldest), oldest or newest"
          + " (default: ${DEFAULT-VALUE}).")
  Keep keep;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write a self-contained HTML page of the groups' thumbnails.")
  Path html;

  @Mixin CollectionOptions collection;

  @Override
  public Integer call() throws Exception {
    DuplicateOptions options =
        DuplicateOptions.defaults().copyCosine(copyCosine).keep(keep.order);
    PrintWriter out = spec.commandLine().getOut();
    try (CollectionOptions.Opened opened = collection.open(spec.commandLine().getErr())) {
      VisualSearch search = opened.search();
      List<DuplicateGroup> groups = search.duplicates(options);
      switch (format) {
        case TEXT -> writeText(groups, search, out);
        case JSON -> writeJson(groups, search, out);
        case CSV -> writeCsv(groups, search, out);
      }
      out.flush();
      long redundant = groups.stream().mapToLong(g -> g.redundant().size()).sum();
      long bytes = 0;
      for (DuplicateGroup group : groups) {
        for (String id : group.redundant()) {
          bytes += search.entry(id).flatMap(CatalogEntry::sourceFile).map(SourceFile::size).orElse(0L);
        }
      }
      spec.commandLine().getErr().printf(
          Locale.ROOT, "%d groups of copies among %d items; %d redundant items (%.1f MiB of files)%n",
          groups.size(), search.size(), redundant, bytes / (1024.0 * 1024.0));
      if (html != null) {
        Pages.write(page(groups, search), html);
      }
    }
    return 0;
  }

  private void writeText(List<DuplicateGroup> groups, VisualSearch search, PrintWriter out) {
    int number = 1;
    for (DuplicateGroup group : groups) {
      out.printf(Locale.ROOT, "group %d: %d items, %s, weakest link cosine %.4f%n",
          number++, group.size(), group.exact() ? "identical files" : "near-duplicates",
          group.lowestCosine());
      for (String id : group.ids()) {
        out.printf("  %s  %s  %s%n", id.equals(group.keep()) ? "keep" : "copy",
            Printable.escape(id), describe(search, id));
      }
    }
  }

  private void writeJson(List<DuplicateGroup> groups, VisualSearch search, PrintWriter out)
      throws IOException {
    JsonGenerator json = new JsonFactory().createGenerator(out);
    json.useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeNumberField("copyCosine", copyCosine);
    json.writeArrayFieldStart("groups");
    for (DuplicateGroup group : groups) {
      json.writeStartObject();
      json.writeStringField("keep", group.keep());
      json.writeBooleanField("exact", group.exact());
      json.writeNumberField("lowestCosine", group.lowestCosine());
      json.writeArrayFieldStart("items");
      for (String id : group.ids()) {
        CatalogEntry entry = search.entry(id).orElse(null);
        json.writeStartObject();
        json.writeStringField("id", id);
        if (entry != null && entry.source().isPresent()) {
          json.writeStringField("source", entry.source().get());
        }
        if (entry != null && entry.sourceFile().isPresent()) {
          SourceFile file = entry.sourceFile().get();
          json.writeStringField("sha256", file.sha256());
          json.writeNumberField("bytes", file.size());
          json.writeStringField("modified", file.lastModified().toString());
          json.writeNumberField("width", file.width());
          json.writeNumberField("height", file.height());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.flush();
    out.println();
  }

  private void writeCsv(List<DuplicateGroup> groups, VisualSearch search, PrintWriter out) {
    Csv.row(out, List.of("group", "role", "id", "source", "sha256", "bytes", "modified", "width",
        "height", "exact", "lowest_cosine"));
    int number = 1;
    for (DuplicateGroup group : groups) {
      for (String id : group.ids()) {
        CatalogEntry entry = search.entry(id).orElse(null);
        SourceFile file = entry == null ? null : entry.sourceFile().orElse(null);
        Csv.row(out, List.of(
            Integer.toString(number),
            id.equals(group.keep()) ? "keep" : "copy",
            id,
            entry == null ? "" : entry.source().orElse(""),
            file == null ? "" : file.sha256(),
            file == null ? "" : Long.toString(file.size()),
            file == null ? "" : file.lastModified().toString(),
            file == null ? "" : Integer.toString(file.width()),
            file == null ? "" : Integer.toString(file.height()),
            Boolean.toString(group.exact()),
            String.format(Locale.ROOT, "%.6f", group.lowestCosine())));
      }
      number++;
    }
  }

  private static String describe(VisualSearch search, String id) {
    return search.entry(id)
        .flatMap(CatalogEntry::sourceFile)
        .map(f -> String.format(Locale.ROOT, "%dx%d, %d bytes, %s", f.width(), f.height(), f.size(),
            f.lastModified()))
        .orElse("");
  }

  private ThumbnailPage page(List<DuplicateGroup> groups, VisualSearch search) {
    ThumbnailPage page = new ThumbnailPage("Copies in the collection", Pages.THUMBNAIL_SIZE)
        .paragraph(groups.size() + " groups at cosine ≥ " + copyCosine
            + ". The copy to keep is framed blue; the redundant copies green.");
    int number = 1;
    for (DuplicateGroup group : groups) {
      List<Tile> tiles = new ArrayList<>();
      for (String id : group.ids()) {
        boolean kept = id.equals(group.keep());
        tiles.add(new Tile(Pages.imageOf(search, id), (kept ? "keep\n" : "copy\n") + id,
            kept ? Frame.PRIMARY : Frame.MARKED));
      }
      page.row(String.format(Locale.ROOT, "group %d\n%s\nweakest cosine %.3f", number++,
          group.exact() ? "identical files" : "near-duplicates", group.lowestCosine()), tiles);
    }
    return page;
  }
}
