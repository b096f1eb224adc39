package dev.visualsearch.embed.onnx;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model the library knows how to fetch and use: where to download it, the sha256 its bytes must
 * have, and how to embed with it (preprocessing recipe and embedding tensor). {@link
 * ModelRegistry} lists the built-in ones; callers may describe their own.
 *
 * <pre>{@code
 * KnownModel model = ModelRegistry.get("resnet50-v1");
 * Path file = ModelCache.defaults().fetch(model); // downloads once, verifies the sha256
 * try (OnnxImageEmbedder embedder = model.embedderBuilder(file).build()) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class KnownModel {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final String name;
  private final String description;
  private final URI url;
  private final String fileName;
  private final String sha256;
  private final Preprocessing preprocessing;
  private final String embeddingTensor;

  /**
   * Describes a model.
   *
   * @param name a short lower-case name ({@code [a-z0-9][a-z0-9._-]*}), also the model's folder in
   *     a cache or model directory
   * @param description one line for people: architecture, source, input
   * @param url where the .onnx file can be downloaded (http or https; redirects are followed)
   * @param fileName the file name to store it under, ending in {@code .onnx}
   * @param sha256 the lower-case hex sha256 of the file: downloads and local copies are refused
   *     unless their bytes have it
   * @param preprocessing how images become model input for this model
   * @param embeddingTensor the tensor that is the vector, or null for the embedder's automatic
   *     choice (the last global pooling output)
   * @throws NullPointerException if an argument other than {@code embeddingTensor} is null
   * @throws IllegalArgumentException if the name, file name, URL scheme or sha256 is malformed
   */
  public KnownModel(
      String name,
      String description,
      URI url,
      String fileName,
      String sha256,
      Preprocessing preprocessing,
      String embeddingTensor) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.url = Objects.requireNonNull(url, "url");
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    this.embeddingTensor = embeddingTensor;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name must match [a-z0-9][a-z0-9._-]*: '" + name + "'");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("model URL must be http or https: " + url);
    }
    if (!fileName.endsWith(".onnx") || fileName.contains("/") || fileName.contains("\\")
        || fileName.startsWith(".")) {
      throw new IllegalArgumentException(
          "model file name must be a plain name ending in .onnx: '" + fileName + "'");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lower-case hex digits: '" + sha256 + "'");
    }
    if (embeddingTensor != null && embeddingTensor.isEmpty()) {
      throw new IllegalArgumentException("embedding tensor name must not be empty");
    }
  }

  /** The short name, e.g. {@code resnet50-v1}. */
  public String name() {
    return name;
  }

  /** One line for people: architecture, source, input. */
  public String description() {
    return description;
  }

  /** Where the file is downloaded from. */
  public URI url() {
    return url;
  }

  /** The file name it is stored under. */
  public String fileName() {
    return fileName;
  }

  /** The lower-case hex sha256 the file's bytes must have. */
  public String sha256() {
    return sha256;
  }

  /** The preprocessing recipe the model was trained with. */
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /** The embedding tensor's name; empty for the embedder's automatic choice. */
  public Optional<String> embeddingTensor() {
    return Optional.ofNullable(embeddingTensor);
  }

  /**
   * A builder for an embedder of this model's file, with this model's preprocessing and embedding
   * tensor already set; other settings are the builder's defaults.
   *
   * @param file the model's file, as {@link ModelCache#fetch} returns it
   * @throws NullPointerException if {@code file} is null
   */
  public OnnxImageEmbedder.Builder embedderBuilder(Path file) {
    OnnxImageEmbedder.Builder builder = OnnxImageEmbedder.builder(
        Objects.requireNonNull(file, "file")).preprocessing(preprocessing);
    if (embeddingTensor != null) {
      builder.embeddingTensor(embeddingTensor);
    }
    return builder;
  }

  /**
   * Fetches the file with {@code cache} and builds an embedder with this model's settings.
   *
   * @throws IOException if the file cannot be fetched or verified, or the model cannot be loaded
   */
  public OnnxImageEmbedder newEmbedder(ModelCache cache) throws IOException {
    return embedderBuilder(cache.fetch(this)).build();
  }

  @Override
  public String toString() {
    return name + " (" + description + ", sha256=" + sha256 + ", " + url + ")";
  }
}
