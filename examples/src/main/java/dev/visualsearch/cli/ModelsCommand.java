package dev.visualsearch.cli;

import dev.visualsearch.embed.onnx.KnownModel;
import dev.visualsearch.embed.onnx.ModelCache;
import dev.visualsearch.embed.onnx.ModelRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code visualsearch models}: the models {@code --model} accepts by name. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "List the known models that --model accepts by name, with where each is downloaded from.",
      "A model is downloaded once into the cache ($" + ModelCache.CACHE_DIR_ENV + ", else"
          + " ~/.cache/visualsearch/models) and checked against its sha256; --model-dir DIR or $"
          + ModelCache.MODEL_DIR_ENV + " takes the files from DIR instead."
    })
final class ModelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (KnownModel model : ModelRegistry.all()) {
      out.printf("%-20s %s%n", model.name(), model.description());
      out.printf("%-20s %s%n", "", model.url());
      out.printf("%-20s sha256 %s%n", "", model.sha256());
    }
    out.flush();
    return 0;
  }
}
