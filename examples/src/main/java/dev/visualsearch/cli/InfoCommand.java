package dev.visualsearch.cli;

import dev.visualsearch.CollectionInfo;
import dev.visualsearch.VisualSearch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code visualsearch info <dir>}: what a saved collection holds, without loading it. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Describe a saved collection: size, vectors, metric, model, when it was saved.")
final class InfoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "A saved collection.")
  Path directory;

  @Override
  public Integer call() throws IOException {
    CollectionInfo info = VisualSearch.describe(directory);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("collection   %s%n", info.directory());
    out.printf("items        %d%n", info.size());
    out.printf("vectors      %d-d, %s%n", info.dimension(), info.metric().name().toLowerCase(Locale.ROOT));
    out.printf("index        %s%n", info.indexKind());
    out.printf("embedder     %s%n", info.embedderFingerprint());
    out.printf("images       decoded as %s%n", info.imageLoader());
    out.printf("saved        %s (generation %d)%n", info.saved(), info.generation());
    out.printf(Locale.ROOT, "on disk      %.1f MiB%n", sizeOf(directory) / (1024.0 * 1024.0));
    info.attributes().forEach((name, value) -> out.printf("attribute    %s = %s%n", name, value));
    out.flush();
    return 0;
  }

  private static long sizeOf(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      long total = 0;
      for (Path file : (Iterable<Path>) files::iterator) {
        total += Files.isRegularFile(file) ? Files.size(file) : 0;
      }
      return total;
    }
  }
}
