package dev.visualsearch.eval.harness;

import dev.visualsearch.eval.Qrels;
import dev.visualsearch.eval.TrecQrels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Given judgements: the images under a collection folder (ids relative to it), the images under a
 * query folder (query ids relative to it) and a TREC qrels file linking them. When both folders
 * are the same, a query is not allowed to find itself. Judged ids that are not in the collection
 * and queries without an image are noted and left out. Immutable and thread-safe.
 *
 * @param collectionFolder the images to index
 * @param queryFolder the query images
 * @param qrelsFile {@code qid iter docid rel} lines
 */
public record QrelsProtocol(Path collectionFolder, Path queryFolder, Path qrelsFile) {

  /** @throws NullPointerException if an argument is null */
  public QrelsProtocol {
    Objects.requireNonNull(collectionFolder, "collectionFolder");
    Objects.requireNonNull(queryFolder, "queryFolder");
    Objects.requireNonNull(qrelsFile, "qrelsFile");
  }

  /**
   * Reads the folders and the qrels and returns the benchmark named {@code name}.
   *
   * @throws IOException if a folder or the qrels file cannot be read, or the qrels are malformed
   */
  public Benchmark build(String name) throws IOException {
    Map<String, Path> collection = ImageFiles.list(collectionFolder);
    Map<String, Path> queryImages = ImageFiles.list(queryFolder);
    boolean same = collectionFolder.toAbsolutePath().normalize().equals(queryFolder.toAbsolutePath().normalize());
    Qrels given = TrecQrels.read(qrelsFile);
    List<String> notes = new ArrayList<>();
    Qrels.Builder kept = Qrels.builder();
    List<Benchmark.Query> queries = new ArrayList<>();
    for (String query : given.queryIds()) {
      Path file = queryImages.get(query);
      if (file == null) {
        notes.add("query " + query + " left out: no such image under " + queryFolder);
        continue;
      }
      queries.add(new Benchmark.Query(query, file, same ? Set.of(query) : Set.of()));
      kept.query(query);
      given.judgements(query).forEach((id, grade) -> {
        if (collection.containsKey(id)) {
          kept.add(query, id, grade);
        } else {
          notes.add("judgement " + query + " -> " + id + " left out: not in the collection");
        }
      });
    }
    List<Benchmark.Item> items = new ArrayList<>();
    collection.forEach((id, file) -> items.add(new Benchmark.Item(id, file)));
    String description = String.format(
        "given qrels %s: %d queries from %s against %d images in %s",
        qrelsFile, queries.size(), queryFolder, items.size(), collectionFolder);
    return new Benchmark(name, description, items, queries, kept.build(), notes);
  }
}
