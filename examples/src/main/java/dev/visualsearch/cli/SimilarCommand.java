package dev.visualsearch.cli;

import dev.visualsearch.Hit;
import dev.visualsearch.SearchResult;
import dev.visualsearch.SimilarOptions;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.report.ThumbnailPage;
import dev.visualsearch.eval.report.ThumbnailPage.Frame;
import dev.visualsearch.eval.report.ThumbnailPage.Tile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code visualsearch similar <id> --index <dir>}: "more like this" for an indexed item. */
@Command(
    name = "similar",
    mixinStandardHelpOptions = true,
    description = {
      "Recommend the items most like the indexed item ID, leaving out the item itself and its"
          + " near-duplicates; --diversity spreads the results over different looks."
    })
final class SimilarCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The id of an indexed item.")
  String id;

  @Option(names = "-k", defaultValue = "10", paramLabel = "K",
      description = "How many recommendations (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--duplicate-cosine", paramLabel = "C",
      description = "Leave out items at least this cosine-similar to ID, as copies (default: "
          + SimilarOptions.DEFAULT_DUPLICATE_COSINE + ").")
  Double duplicateCosine;

  @Option(names = "--diversity", defaultValue = "1", paramLabel = "LAMBDA",
      description = "Maximal marginal relevance λ in [0, 1]: 1 ranks by similarity alone, lower"
          + " values trade similarity for variety (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json or trec (default: ${DEFAULT-VALUE}).")
  ResultFormat format;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write a self-contained HTML page of thumbnails.")
  Path html;

  @Mixin CollectionOptions collection;

  @Override
  public Integer call() throws Exception {
    if (k < 1) {
      throw new IllegalArgumentException("-k must be at least 1: " + k);
    }
    SimilarOptions options = SimilarOptions.defaults().relevanceWeight(lambda);
    if (duplicateCosine != null) {
      options = options.duplicateCosine(duplicateCosine);
    }
    try (CollectionOptions.Opened opened = collection.open(spec.commandLine().getErr())) {
      VisualSearch search = opened.search();
      SearchResult result = search.similar(id, k, options);
      format.write(
          List.of(new ResultFormat.Answer(id, id, result)),
          search,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
      spec.commandLine().getOut().flush();
      if (html != null) {
        List<Tile> tiles = new ArrayList<>();
        tiles.add(new Tile(Pages.imageOf(search, id), "item\n" + id, Frame.PRIMARY));
        int rank = 1;
        for (Hit hit : result.hits()) {
          tiles.add(Pages.hitTile(search, hit, rank++, Frame.PLAIN));
        }
        Pages.write(
            new ThumbnailPage("More like " + id, Pages.THUMBNAIL_SIZE)
                .paragraph("The item (blue), then its " + result.size() + " recommendations"
                    + (lambda < 1 ? ", diversified with λ = " + lambda : "") + ".")
                .row(id, tiles),
            html);
      }
    }
    return 0;
  }
}
