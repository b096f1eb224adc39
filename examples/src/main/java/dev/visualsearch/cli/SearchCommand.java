package dev.visualsearch.cli;

import dev.visualsearch.CollectionInfo;
import dev.visualsearch.IncompatibleCollectionException;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.index.flat.FlatIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "A saved collection.")
  Path index;

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

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "The model file or directory (default: the one recorded at indexing).")
  Path model;

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    if (k < 1) {
      throw new IllegalArgumentException("-k must be at least 1: " + k);
    }
    PrintWriter err = spec.commandLine().getErr();
    CollectionInfo info = VisualSearch.describe(index);
    Path modelPath = modelOf(info);
    List<ResultFormat.Answer> answers = new ArrayList<>();
    int failed = 0;
    try (OnnxImageEmbedder embedder =
            modelOptions.load(modelPath, info.attributes().get(ModelOptions.TENSOR_ATTRIBUTE));
        VisualSearch search = open(embedder, info)) {
      for (Path image : images) {
        try {
          SearchResult result = search.search(image, k);
          answers.add(new ResultFormat.Answer(image, result));
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

  private VisualSearch open(OnnxImageEmbedder embedder, CollectionInfo info) throws IOException {
    try {
      return VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).open(index);
    } catch (IncompatibleCollectionException e) {
      String recorded = info.attributes().get(ModelOptions.MODEL_ATTRIBUTE);
      throw new IncompatibleCollectionException(
          e.getMessage()
              + (recorded == null ? "" : "\nIt was indexed with " + recorded + "; this search used "
                  + embedder.modelFile() + "."));
    }
  }

  private Path modelOf(CollectionInfo info) {
    if (model != null) {
      return model;
    }
    String recorded = info.attributes().get(ModelOptions.MODEL_ATTRIBUTE);
    if (recorded == null) {
      throw new IllegalArgumentException(
          "the collection in " + index + " does not record its model; pass --model");
    }
    Path path = Path.of(recorded);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          "the collection in " + index + " was indexed with " + recorded
              + ", which is not there any more; pass --model with a copy of it");
    }
    return path;
  }
}
