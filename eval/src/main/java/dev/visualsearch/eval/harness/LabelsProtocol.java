package dev.visualsearch.eval.harness;

import dev.visualsearch.eval.Qrels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Protocol 2, labelled categories: a CSV file with a header and the columns {@code path,label}
 * (paths relative to the CSV's folder) names the collection; every labelled image queries all the
 * others, and the images with the same label are relevant. An image whose label no other image
 * has cannot be scored and is noted (it stays in the collection). Paths are matched to files as
 * {@link CsvPaths} explains, so a CSV and a folder that disagree about a trailing carriage return
 * still match; a path that matches no file is noted and left out. Labels are compared after
 * stripping surrounding whitespace. Immutable and thread-safe.
 *
 * @param labelsCsv the CSV file
 */
public record LabelsProtocol(Path labelsCsv) {

  /** @throws NullPointerException if {@code labelsCsv} is null */
  public LabelsProtocol {
    Objects.requireNonNull(labelsCsv, "labelsCsv");
  }

  /**
   * Reads the CSV and returns the benchmark named {@code name}.
   *
   * @throws IOException if the CSV or its folder cannot be read, it has no data rows, or a row
   *     does not have two fields (the message names the row), or it labels one image twice
   */
  public Benchmark build(String name) throws IOException {
    List<String> notes = new ArrayList<>();
    CsvPaths paths = paths();
    Map<String, String> labels = read(paths, notes);
    Map<String, List<String>> byLabel = new LinkedHashMap<>();
    labels.forEach((id, label) -> byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(id));

    List<Benchmark.Item> items = new ArrayList<>();
    List<Benchmark.Query> queries = new ArrayList<>();
    Map<String, List<String>> relevant = new LinkedHashMap<>();
    int alone = 0;
    for (Map.Entry<String, String> labelled : labels.entrySet()) {
      String id = labelled.getKey();
      items.add(new Benchmark.Item(id, paths.file(id)));
      List<String> same = byLabel.get(labelled.getValue()).stream().filter(other -> !other.equals(id)).toList();
      if (same.isEmpty()) {
        alone++;
        continue;
      }
      queries.add(new Benchmark.Query(id, paths.file(id), Set.of(id)));
      relevant.put(id, same);
    }
    if (alone > 0) {
      notes.add(alone + " images are the only ones with their label: indexed, but not queries");
    }
    String description = String.format(
        "protocol 2 (labelled categories): %d images in %d categories from %s; every image with a"
            + " category-mate queries the rest, the same category is relevant",
        labels.size(), byLabel.size(), labelsCsv);
    return new Benchmark(name, description, items, queries, Qrels.binary(relevant), notes);
  }

  /**
   * The label of every labelled image that exists, by the image's id (its path relative to the
   * CSV's folder, as {@link #build} names items), in CSV order. Paths that match no file are left
   * out.
   *
   * @throws IOException as {@link #build} does
   */
  public Map<String, String> labels() throws IOException {
    return read(paths(), new ArrayList<>());
  }

  /** The image files of the CSV's folder, which labelled paths are matched to. */
  private CsvPaths paths() throws IOException {
    return new CsvPaths(ImageFiles.list(labelsCsv.toAbsolutePath().getParent()));
  }

  private Map<String, String> read(CsvPaths paths, List<String> notes) throws IOException {
    List<List<String>> rows = CsvTable.read(labelsCsv);
    if (rows.size() < 2) {
      throw new IOException(labelsCsv + ": no labelled images (a header and at least one row expected)");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() != 2) {
        throw new IOException(labelsCsv + " row " + (r + 1) + ": expected 2 fields 'path,label', found " + row.size());
      }
      var id = paths.idOf(row.get(0));
      if (id.isEmpty()) {
        notes.add("labelled path " + row.get(0).replace("\r", "\\r") + " left out: " + paths.whyMissing(row.get(0)));
        continue;
      }
      String earlier = labels.putIfAbsent(id.get(), row.get(1).strip());
      if (earlier != null) {
        throw new IOException(labelsCsv + " row " + (r + 1) + ": labels " + id.get() + " a second time");
      }
    }
    return labels;
  }
}
