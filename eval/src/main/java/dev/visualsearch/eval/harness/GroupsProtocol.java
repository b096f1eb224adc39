package dev.visualsearch.eval.harness;

import dev.visualsearch.eval.Qrels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Protocol 3, groups of the same object: a CSV file with a header and the columns {@code
 * group,path} (paths relative to the CSV's folder) lists photos of the same object or scene; every
 * photo queries the rest, and the other photos of its group are relevant. The images under the
 * distractor folders join the collection (a file already in a group is not added twice), so that
 * the partners must be found among unrelated images.
 *
 * <p>Ids are paths relative to the deepest folder that holds the CSV's folder and every distractor
 * folder (with distractors {@code ../shared/data}, the photo {@code pairs/box.png} is {@code
 * "pairs/box.png"}). Paths are matched as {@link CsvPaths} explains. Immutable and thread-safe.
 *
 * @param groupsCsv the CSV file
 * @param distractorFolders folders of unrelated images (may be empty)
 */
public record GroupsProtocol(Path groupsCsv, List<Path> distractorFolders) {

  /** @throws NullPointerException if an argument is null */
  public GroupsProtocol {
    Objects.requireNonNull(groupsCsv, "groupsCsv");
    distractorFolders = List.copyOf(distractorFolders);
  }

  /**
   * Reads the CSV and the distractor folders and returns the benchmark named {@code name}.
   *
   * @throws IOException if the CSV or a folder cannot be read, the CSV has no data rows or a row
   *     does not have two fields, or it lists one photo twice
   */
  public Benchmark build(String name) throws IOException {
    Path csvFolder = groupsCsv.toAbsolutePath().normalize().getParent();
    List<Path> folders = new ArrayList<>();
    distractorFolders.forEach(f -> folders.add(f.toAbsolutePath().normalize()));
    Path root = csvFolder;
    for (Path folder : folders) {
      while (!folder.startsWith(root)) {
        root = root.getParent();
      }
    }
    List<List<String>> rows = CsvTable.read(groupsCsv);
    if (rows.size() < 2) {
      throw new IOException(groupsCsv + ": no photos (a header and at least one row expected)");
    }
    CsvPaths paths = new CsvPaths(ImageFiles.list(csvFolder));
    String prefix = root.relativize(csvFolder).toString().replace(java.io.File.separatorChar, '/');
    prefix = prefix.isEmpty() ? "" : prefix + "/";

    Map<String, List<String>> groups = new LinkedHashMap<>();
    Map<String, Path> files = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() != 2) {
        throw new IOException(groupsCsv + " row " + (r + 1) + ": expected 2 fields 'group,path', found " + row.size());
      }
      var local = paths.idOf(row.get(1));
      if (local.isEmpty()) {
        notes.add("group photo " + row.get(1) + " left out: " + paths.whyMissing(row.get(1)));
        continue;
      }
      String id = prefix + local.get();
      if (files.putIfAbsent(id, paths.file(local.get())) != null) {
        throw new IOException(groupsCsv + " row " + (r + 1) + ": lists " + local.get() + " a second time");
      }
      groups.computeIfAbsent(row.get(0).strip(), g -> new ArrayList<>()).add(id);
    }

    List<Benchmark.Item> items = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    files.forEach((id, file) -> {
      items.add(new Benchmark.Item(id, file));
      seen.add(file.toAbsolutePath().normalize());
    });
    int distractors = 0;
    for (Path folder : folders) {
      for (Map.Entry<String, Path> image : ImageFiles.list(folder).entrySet()) {
        Path file = image.getValue().toAbsolutePath().normalize();
        if (seen.add(file)) {
          items.add(new Benchmark.Item(ImageFiles.idOf(root, file), file));
          distractors++;
        }
      }
    }
    List<Benchmark.Query> queries = new ArrayList<>();
    Map<String, List<String>> relevant = new LinkedHashMap<>();
    for (List<String> members : groups.values()) {
      for (String id : members) {
        List<String> partners = members.stream().filter(other -> !other.equals(id)).toList();
        if (partners.isEmpty()) {
          notes.add("group photo " + id + " has no partner: indexed, but not a query");
          continue;
        }
        queries.add(new Benchmark.Query(id, files.get(id), Set.of(id)));
        relevant.put(id, partners);
      }
    }
    String description = String.format(
        "protocol 3 (groups of the same object): %d photos in %d groups from %s%s; every photo queries"
            + " the rest, the other photos of its group are relevant",
        files.size(), groups.size(), groupsCsv,
        distractors == 0 ? "" : ", among " + distractors + " distractors from " + distractorFolders);
    return new Benchmark(name, description, items, queries, Qrels.binary(relevant), notes);
  }
}
