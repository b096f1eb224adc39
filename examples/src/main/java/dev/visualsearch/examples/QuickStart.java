package dev.visualsearch.examples;

import dev.visualsearch.FolderReport;
import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.index.flat.FlatIndex;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The library in ten lines: index a folder, search it with an image, save the collection.
 *
 * <pre>java -cp visualsearch-cli.jar dev.visualsearch.examples.QuickStart MODEL FOLDER QUERY [OUT]</pre>
 */
public final class QuickStart {

  private QuickStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: QuickStart MODEL FOLDER QUERY [OUT]");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    Path folder = Path.of(args[1]);
    Path query = Path.of(args[2]);

    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(model).build();
        VisualSearch search =
            VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).build()) {
      FolderReport report = search.addFolder(folder);
      System.out.printf("indexed %d images, skipped %d%n", report.added(), report.skipped().size());
      SearchResult result = search.search(query, 5);
      for (Hit hit : result.hits()) {
        System.out.printf(Locale.ROOT, "%.3f  %s%n", hit.score(), hit.id());
      }
      if (args.length > 3) {
        search.save(Path.of(args[3]));
      }
    }
  }
}
