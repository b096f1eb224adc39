package dev.visualsearch.cli;

import dev.visualsearch.CollectionInfo;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.RerankWeights;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import dev.visualsearch.serve.JsonLinesImport;
import dev.visualsearch.serve.SearchServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code visualsearch serve --index <dir> [--port 8080] [--host 127.0.0.1]}: the web page. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a web page and JSON API to search the collection: upload an image or click a"
          + " result to see the look-alikes. Runs until stopped (Ctrl-C).",
      "Binds to 127.0.0.1 unless --host says otherwise."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CollectionOptions collection;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
      description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  /** Default: interactions.db in the index directory. */
  @Mixin StoreOptions store;

  @Option(names = "--rerank", defaultValue = "default", paramLabel = "WEIGHTS",
      description = "How searches for a known user are re-ranked: default (taste 0.05,"
          + " engagement 0.1), off (visual only), or taste=W,engagement=W (default:"
          + " ${DEFAULT-VALUE}).")
  String rerank;

  @Option(names = "--labels", paramLabel = "CSV",
      description = "path,category rows naming the items' categories (as for replay): a new user"
          + " who declared categories (PUT /api/users/{id}) starts with their taste. Default: the"
          + " items' own 'category' metadata, if any.")
  Path labels;

  @Option(names = "--max-upload-mb", defaultValue = "20", paramLabel = "MB",
      description = "The largest upload accepted, in MiB (default: ${DEFAULT-VALUE}).")
  int maxUploadMb;

  @Option(names = "--max-pixels", defaultValue = "" + SearchServer.Builder.DEFAULT_MAX_PIXELS,
      paramLabel = "N", description = "The most pixels an image may declare (default:"
          + " ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--max-concurrent", paramLabel = "N",
      description = "Requests answered at once; more get 503 (default: processors, at least 2).")
  Integer maxConcurrent;

  @Override
  public Integer call() throws Exception {
    if (maxUploadMb < 1) {
      throw new IllegalArgumentException("--max-upload-mb must be at least 1: " + maxUploadMb);
    }
    PrintWriter err = spec.commandLine().getErr();
    CollectionInfo info = VisualSearch.describe(collection.index);
    RerankWeights weights = RerankOption.parse(rerank);
    try (CollectionOptions.Opened opened = collection.open(err);
        InteractionStore interactions = openStore(err)) {
      // Queries are decoded the way the collection's images were, so their vectors compare alike.
      boolean reduced = !collection.modelOptions.fullDecode && !"full-size".equals(info.imageLoader());
      SearchServer.Builder builder =
          SearchServer.builder(opened.search())
              .info(info)
              .interactions(interactions)
              .rerank(weights)
              .host(host)
              .port(port)
              .maxUploadBytes(maxUploadMb * 1024L * 1024)
              .maxPixels(maxPixels)
              .queryMinShortSide(
                  reduced ? opened.embedder().preprocessing().minimumShortSide() : 0);
      if (labels != null) {
        builder.categories(CollectionLabels.read(labels, opened.search(), collection.index, err));
      }
      if (maxConcurrent != null) {
        builder.maxConcurrentRequests(maxConcurrent);
      }
      try (SearchServer server = builder.start()) {
        err.println("visualsearch serve: " + info.size() + " items from " + collection.index
            + " at " + server.uri() + " (interactions: " + interactions + ", re-ranking: "
            + (weights.visualOnly() ? "off" : weights) + ")");
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
      }
    }
    return 0;
  }

  /**
   * The store {@code --interactions} names; the default SQLite file takes in the JSON-lines log of
   * earlier versions if one is there.
   */
  private InteractionStore openStore(PrintWriter err) throws IOException {
    if (store.given()) {
      return store.open();
    }
    Path file = collection.index.resolve("interactions.db");
    InteractionStore store = SqliteInteractionStore.open(file);
    Path legacy = collection.index.resolve("interactions.jsonl");
    if (Files.exists(legacy)) {
      try {
        JsonLinesImport.Result imported = JsonLinesImport.importInto(legacy, store);
        err.println("visualsearch serve: moved " + imported.imported() + " interactions from "
            + legacy + " into " + file + (imported.skipped() > 0
                ? " (" + imported.skipped() + " unreadable lines skipped)" : ""));
      } catch (IOException | RuntimeException e) {
        store.close();
        throw e;
      }
    }
    return store;
  }
}
