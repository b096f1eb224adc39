package dev.visualsearch.cli;

import dev.visualsearch.embed.onnx.KnownModel;
import dev.visualsearch.embed.onnx.ModelCache;
import dev.visualsearch.embed.onnx.ModelRegistry;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.image.ImageLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the commands pick and load the model. */
final class ModelOptions {

  /** Collection attributes under which {@code index} records the model, for {@code search}. */
  static final String MODEL_ATTRIBUTE = "model";

  static final String TENSOR_ATTRIBUTE = "embedding-tensor";

  @Option(
      names = "--embedding-tensor",
      paramLabel = "NAME",
      description =
          "The model tensor to use as the embedding (default: the last global pooling layer,"
              + " found automatically).")
  String embeddingTensor;

  @Option(
      names = "--model-dir",
      paramLabel = "DIR",
      description =
          "Where a --model given by name (see the models command) is taken from instead of being"
              + " downloaded: DIR/NAME/FILE or DIR/FILE, checked against its sha256.")
  Path modelDirectory;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "8",
      description = "Images per model run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--full-decode",
      description =
          "Decode every image at full size, even where libjpeg-turbo could decode a large JPEG"
              + " straight to the size the model needs (slower; vectors shift slightly).")
  boolean fullDecode;

  /**
   * The image loader for {@code embedder}: reduced-size JPEG decoding unless {@code --full-decode}
   * or the collection was indexed at full size ({@code recorded}, null for a new collection).
   * Warns when the collection was indexed with reduced decoding that is not available now.
   */
  ImageLoader loaderFor(OnnxImageEmbedder embedder, String recorded, PrintWriter err) {
    boolean full = fullDecode || "full-size".equals(recorded);
    ImageLoader loader = full ? ImageDecoder.defaults() : embedder.imageLoader();
    if (recorded != null && !recorded.equals(loader.description())) {
      err.println("note: the collection's images were decoded as " + recorded + ", these as "
          + loader.description() + "; scores shift slightly");
    }
    return loader;
  }

  /**
   * Loads {@code model} (an .onnx file, a directory holding one, or the name of a model in the
   * registry) with these options.
   */
  OnnxImageEmbedder load(Path model, String savedTensor) throws IOException {
    return builder(model, savedTensor).build();
  }

  /**
   * A builder for {@code model} with these options set (batch size; the embedding tensor given,
   * else {@code savedTensor} when not null), for callers that set more before building.
   */
  OnnxImageEmbedder.Builder builder(Path model, String savedTensor) throws IOException {
    OnnxImageEmbedder.Builder builder = builderFor(model).batchSize(batchSize);
    String tensor = embeddingTensor != null ? embeddingTensor : savedTensor;
    if (tensor != null) {
      builder.embeddingTensor(tensor);
    }
    return builder;
  }

  /**
   * A builder for {@code model}: the file or directory if it exists; otherwise, if it is a
   * registry name, the registry's file (from {@code --model-dir}, or downloaded into the cache
   * once and verified) with the registry's preprocessing and embedding tensor.
   */
  private OnnxImageEmbedder.Builder builderFor(Path model) throws IOException {
    String name = model.toString();
    if (Files.exists(model) || !ModelRegistry.names().contains(name)) {
      return OnnxImageEmbedder.builder(model);
    }
    KnownModel known = ModelRegistry.get(name);
    ModelCache cache =
        modelDirectory == null
            ? ModelCache.defaults()
            : ModelCache.builder().offlineDirectory(modelDirectory).build();
    return known.embedderBuilder(cache.fetch(known));
  }

  /** The attributes that let {@code search} load the same model as {@code index} did. */
  static Map<String, String> attributesOf(OnnxImageEmbedder embedder, boolean tensorChosen) {
    return tensorChosen
        ? Map.of(
            MODEL_ATTRIBUTE, embedder.modelFile().toAbsolutePath().toString(),
            TENSOR_ATTRIBUTE, embedder.embeddingTensor())
        : Map.of(MODEL_ATTRIBUTE, embedder.modelFile().toAbsolutePath().toString());
  }
}
