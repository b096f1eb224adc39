package dev.visualsearch.cli;

import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import java.io.IOException;
import java.io.PrintWriter;
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

/** {@code visualsearch search <image>... --index <dir> [-k 10] [--format text|json|trec]}. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Find the images of a collection that look most like each IMAGE.",
      "The model is the one the collection was indexed with, unless --model names another"
          + " copy of it; a different model is refused."
    })
final class SearchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Query images.")
  List<Path> images;

  @Option(
      names = "-k",
      defaultValue = "10",
      paramLabel = "K",
      description = "How many results per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text, json or trec (a TREC run file) (default: ${DEFAULT-VALUE}).")
  ResultFormat format;

  @Mixin CollectionOptions collection;

  @Override
  public Integer call() throws Exception {
    if (k < 1) {
      throw new IllegalArgumentException("-k must be at least 1: " + k);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<ResultFormat.Answer> answers = new ArrayList<>();
    int failed = 0;
    try (CollectionOptions.Opened opened = collection.open(spec.commandLine().getErr())) {
      VisualSearch search = opened.search();
      for (Path image : images) {
        try {
          SearchResult result = search.search(image, k);
          answers.add(
              new ResultFormat.Answer(image.toString(), image.getFileName().toString(), result));
        } catch (IOException e) {
          // One unreadable query must not cost the answers to the others.
          err.println("visualsearch search: " + Printable.escape(VisualSearchCli.explain(e)));
          failed++;
        }
      }
      format.write(answers, search, spec.commandLine().getOut(), err);
    }
    spec.commandLine().getOut().flush();
    return failed == 0 ? 0 : VisualSearchCli.FAILED;
  }
}
