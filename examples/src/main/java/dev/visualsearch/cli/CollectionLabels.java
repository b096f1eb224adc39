package dev.visualsearch.cli;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.harness.LabelsProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The categories a {@code path,category} CSV gives the items of a collection. */
final class CollectionLabels {

  private CollectionLabels() {}

  /**
   * The category of each labelled image that is in {@code search}, by item id. The collection may
   * have been indexed from the CSV's folder or from the folder above it, so an id is tried as in
   * the CSV and under the CSV folder's name.
   *
   * @throws IllegalArgumentException if no labelled image is in the collection
   */
  static Map<String, String> read(Path labels, VisualSearch search, Path index, PrintWriter err)
      throws IOException {
    String folder = labels.toAbsolutePath().getParent().getFileName().toString();
    Map<String, String> categories = new LinkedHashMap<>();
    int missing = 0;
    for (Map.Entry<String, String> label : new LabelsProtocol(labels).labels().entrySet()) {
      String id = search.contains(label.getKey()) ? label.getKey() : folder + "/" + label.getKey();
      if (search.contains(id)) {
        categories.put(id, label.getValue());
      } else {
        missing++;
      }
    }
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("none of the images " + labels + " labels is in the"
          + " collection " + index + " (ids tried: as in the CSV, and under '" + folder + "/')");
    }
    if (missing > 0) {
      err.println(missing + " images labelled in " + labels + " are not in the collection;"
          + " left out");
    }
    return categories;
  }
}
