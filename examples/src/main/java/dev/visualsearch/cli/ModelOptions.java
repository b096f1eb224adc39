package dev.visualsearch.cli;

import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.image.ImageLoader;
import java.io.PrintWriter;
import java.io.IOException;
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

  /** Loads {@code model} (an .onnx file or a directory holding one) with these options. */
  OnnxImageEmbedder load(Path model, String savedTensor) throws IOException {
    OnnxImageEmbedder.Builder builder = OnnxImageEmbedder.builder(model).batchSize(batchSize);
    String tensor = embeddingTensor != null ? embeddingTensor : savedTensor;
    if (tensor != null) {
      builder.embeddingTensor(tensor);
    }
    return builder.build();
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
