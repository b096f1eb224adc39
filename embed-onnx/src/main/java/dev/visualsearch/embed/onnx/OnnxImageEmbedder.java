package dev.visualsearch.embed.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.visualsearch.Embedder;
import dev.visualsearch.EmbeddingException;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Embeds images with an ONNX image model through ONNX Runtime: the image is preprocessed as the
 * model was trained ({@link Preprocessing}), the model runs, and an intermediate tensor — by
 * default the output of the last global pooling layer, which the loader exposes as an extra graph
 * output in memory, leaving the file untouched — becomes the vector, L2-normalised unless told
 * otherwise.
 *
 * <pre>{@code
 * try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(Path.of("mobilenetv2-12-int8.onnx"))
 *     .build()) {
 *   float[] vector = embedder.embed(ImageIO.read(file)); // 1280 floats, unit length
 * }
 * }</pre>
 *
 * <p>Thread-safe: one ONNX Runtime session is shared by all threads, which may embed
 * concurrently; {@link #close()} waits for running embeddings to finish.
 */
public final class OnnxImageEmbedder implements Embedder {

  private final Path modelFile;
  private final String modelSha256; // the bytes are not kept: the session has its own copy
  private final String tensorName;
  private final Preprocessing preprocessing;
  private final boolean normalize;
  private final int batchSize;
  private final InputSpec input;
  private final ImagePreprocessor preprocessor;
  private final ImageViews views;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final int dimension;
  // Runs hold the read lock, close() the write lock: closing a session that is running crashes
  // the native code, so close waits for running batches and later calls fail cleanly.
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock

  private OnnxImageEmbedder(
      ModelFile model,
      String tensorName,
      Preprocessing preprocessing,
      boolean normalize,
      ImageViews views,
      int batchSize,
      InputSpec input,
      OrtEnvironment environment,
      OrtSession session)
      throws OrtException {
    this.modelFile = model.path();
    this.modelSha256 = model.sha256();
    this.tensorName = tensorName;
    this.preprocessing = preprocessing;
    this.normalize = normalize;
    this.views = views;
    this.batchSize = batchSize;
    this.input = input;
    this.preprocessor = new ImagePreprocessor(preprocessing, input.layout(), input.elementType());
    this.environment = environment;
    this.session = session;
    // One run on a blank image tells the vector length, whatever shape the tensor declares (or
    // does not: an exposed intermediate tensor often has no declared shape).
    int probeBatch = Math.max(input.fixedBatch(), 1);
    this.dimension = infer(newInputBuffer(probeBatch), 0, probeBatch, 1)[0].length;
  }

  /**
   * Starts configuring an embedder for a model.
   *
   * @param model an .onnx file, or a directory holding exactly one .onnx file
   * @throws NullPointerException if {@code model} is null
   */
  public static Builder builder(Path model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /** The length of every vector: the number of elements per image of the embedding tensor. */
  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Identifies what decides the vectors: {@code
   * onnx:sha256=<model file sha256>;tensor=<name>;pre=<preprocessing>;l2=<true|false>}.
   */
  @Override
  public String fingerprint() {
    return "onnx:sha256=" + modelSha256 + ";tensor=" + tensorName + ";pre="
        + preprocessing.describe() + ";l2=" + normalize
        + (views.averaged() ? ";views=" + views.describe() : "");
  }

  /**
   * Embeds one image.
   *
   * @param image any image; types other than {@code TYPE_3BYTE_BGR}, {@code TYPE_4BYTE_ABGR},
   *     {@code TYPE_BYTE_GRAY}, {@code TYPE_INT_RGB} and {@code TYPE_INT_ARGB} are first
   *     converted with {@code ImageDecoder.toRgb}; alpha is composited on white
   * @return a new vector of length {@link #dimension()}
   * @throws NullPointerException if {@code image} is null
   * @throws IllegalStateException if the embedder is closed
   * @throws EmbeddingException if ONNX Runtime fails
   */
  @Override
  public float[] embed(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    return embedAll(Collections.singletonList(image)).get(0);
  }

  /**
   * Embeds images in batches of {@link #batchSize()}. The vectors equal those of {@link
   * #embed(BufferedImage)} up to floating-point differences between batch sizes.
   *
   * @return one new vector per image, in order
   * @throws NullPointerException if the list or an image in it is null
   * @throws IllegalStateException if the embedder is closed
   * @throws EmbeddingException if ONNX Runtime fails
   */
  @Override
  public List<float[]> embedAll(List<BufferedImage> images) {
    Objects.requireNonNull(images, "images");
    for (int i = 0; i < images.size(); i++) {
      Objects.requireNonNull(images.get(i), "image at index " + i);
    }
    List<float[]> vectors = new ArrayList<>(images.size());
    InputBatch batch = newBatch();
    for (BufferedImage image : images) {
      batch.add(image);
      if (batch.isFull()) {
        vectors.addAll(embedBatch(batch));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      vectors.addAll(embedBatch(batch));
    }
    return vectors;
  }

  /**
   * A new, empty batch of {@link #batchSize()} slots for {@link #embedBatch(InputBatch)}: a direct
   * buffer of {@code batchSize × 3 × size × size} floats or bytes, reusable after {@link
   * InputBatch#clear()}.
   */
  public InputBatch newBatch() {
    int slots = batchSize * views.count();
    int fixed = input.fixedBatch();
    if (fixed > 0) {
      slots = (slots + fixed - 1) / fixed * fixed; // whole runs of the fixed batch
    }
    return new InputBatch(this, preprocessor, views, batchSize, slots);
  }

  /**
   * Runs the model on the images of {@code batch} (which is left as it is).
   *
   * @return one new vector per image of the batch, in order; empty for an empty batch
   * @throws NullPointerException if {@code batch} is null
   * @throws IllegalArgumentException if {@code batch} was made by another embedder
   * @throws IllegalStateException if the embedder is closed
   * @throws EmbeddingException if ONNX Runtime fails
   */
  public List<float[]> embedBatch(InputBatch batch) {
    Objects.requireNonNull(batch, "batch");
    if (batch.owner() != this) {
      throw new IllegalArgumentException(
          "input batch belongs to another embedder: " + batch.owner());
    }
    if (batch.isEmpty()) {
      return new ArrayList<>();
    }
    int slots = batch.size() * views.count();
    float[][] rows = new float[slots][];
    try {
      // A dynamic batch dimension gets exactly the slots in one run; a fixed one runs of that
      // many slots, the last padded with whatever the buffer holds (its rows are dropped).
      int run = input.fixedBatch() > 0 ? input.fixedBatch() : slots;
      for (int first = 0; first < slots; first += run) {
        int used = Math.min(run, slots - first);
        float[][] part = infer(batch.buffer(), first, run, used);
        System.arraycopy(part, 0, rows, first, used);
      }
    } catch (OrtException | RuntimeException e) {
      if (e instanceof IllegalStateException && isClosed()) {
        throw (IllegalStateException) e;
      }
      throw new EmbeddingException(
          modelFile.getFileName() + ": inference failed on a batch of " + batch.size()
              + " images: " + e.getMessage(), e);
    }
    List<float[]> vectors = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      float[] vector = rows[i * views.count()];
      if (views.averaged()) {
        vector = average(rows, i * views.count(), views.count());
      }
      if (normalize) {
        normalizeInPlace(vector);
      }
      vectors.add(vector);
    }
    return vectors;
  }

  /**
   * The mean of {@code count} view rows from {@code first}; with L2 normalisation on, each view
   * is normalised first so that every view weighs the same.
   */
  private float[] average(float[][] rows, int first, int count) {
    float[] sum = new float[rows[first].length];
    for (int v = 0; v < count; v++) {
      float[] row = rows[first + v];
      if (normalize) {
        normalizeInPlace(row);
      }
      for (int k = 0; k < sum.length; k++) {
        sum[k] += row[k];
      }
    }
    for (int k = 0; k < sum.length; k++) {
      sum[k] /= count;
    }
    return sum;
  }

  /** Releases the ONNX Runtime session, after running embeddings finish. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        session.close();
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          modelFile.getFileName() + ": closing the ONNX Runtime session failed", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * An image loader for this embedder: JPEGs are decoded straight to the smallest size this
   * preprocessing can use (the shorter side at least {@link Preprocessing#minimumShortSide()}) when
   * libjpeg-turbo is installed, and everything else — all images, without libjpeg-turbo — at full
   * size by {@link ImageDecoder#defaults()}. Pass it to {@code VisualSearch.Builder.imageLoader}
   * for both indexing and searching: a reduced decode moves vectors a little (cosine 0.97–0.99
   * to the full-size ones).
   */
  public ImageLoader imageLoader() {
    return new ReducedSizeImageLoader(
        ScaledImageDecoder.create(ImageDecoder.defaults()), preprocessing.minimumShortSide());
  }

  /** The model file, absolute (the .onnx file itself when a directory was given). */
  public Path modelFile() {
    return modelFile;
  }

  /** The lower-case hex sha256 of the model file as read. */
  public String modelSha256() {
    return modelSha256;
  }

  /** The name of the tensor the vectors come from (a tensor the loader may have added). */
  public String embeddingTensor() {
    return tensorName;
  }

  /** The preprocessing in use, with its size resolved. */
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /**
   * The image input as discovered in the model, e.g. {@code input: FLOAT NCHW [?, 3, 224, 224]}
   * ({@code ?} for a dynamic dimension).
   */
  public String inputDescription() {
    return input.name() + ": " + input.elementType() + " " + input.layout() + " "
        + input.describeShape();
  }

  /** The number of images per inference run (the model's batch dimension when it is fixed). */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public String toString() {
    return "OnnxImageEmbedder[" + modelFile.getFileName() + ", " + fingerprint() + "]";
  }

  private boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }

  private ByteBuffer newInputBuffer(int images) {
    // Direct and native-order: ONNX Runtime uses it in place instead of copying it.
    return ByteBuffer.allocateDirect(images * preprocessor.bytesPerImage())
        .order(ByteOrder.nativeOrder());
  }

  /** Runs slots {@code [first, first + tensorBatch)}; returns the first {@code images} rows. */
  private float[][] infer(ByteBuffer whole, int first, int tensorBatch, int images)
      throws OrtException {
    long[] shape = input.layout().shape(tensorBatch, preprocessing.requireSize());
    // Those slots, still direct (no copy); slice() forgets the byte order.
    int bytes = preprocessor.bytesPerImage();
    ByteBuffer buffer =
        whole.duplicate().limit((first + tensorBatch) * bytes).position(first * bytes).slice()
            .order(ByteOrder.nativeOrder());
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("embedder is closed: " + modelFile.getFileName());
      }
      try (OnnxTensor tensor =
              input.elementType() == InputElementType.FLOAT
                  ? OnnxTensor.createTensor(environment, buffer.asFloatBuffer(), shape)
                  : OnnxTensor.createTensor(environment, buffer, shape, OnnxJavaType.UINT8);
          OrtSession.Result result =
              session.run(Map.of(input.name(), tensor), Set.of(tensorName))) {
        return EmbeddingOutput.rows(result.get(0), tensorName, tensorBatch, images);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private static void normalizeInPlace(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum > 0) { // an all-zero vector stays zero rather than turning into NaN
      float inverse = (float) (1.0 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inverse;
      }
    }
  }

  /**
   * Configures an {@link OnnxImageEmbedder}. Each setter validates its argument at once; {@link
   * #build()} reads the model and checks the combination.
   *
   * <p>Not thread-safe: configure and build on one thread.
   */
  public static final class Builder {

    private final Path model;
    private String embeddingTensor;
    private Preprocessing preprocessing;
    private int batchSize = 8;
    private int intraOpThreads = 1;
    private boolean spinning;
    private boolean normalize = true;
    private boolean flipAveraging;
    private boolean multiScale;

    private Builder(Path model) {
      this.model = model;
    }

    /**
     * The tensor whose values are the vector: any node output or graph output of the model, for
     * example a classifier's logits. If unset, the output of the last global pooling node
     * (GlobalAveragePool, QLinearGlobalAveragePool, GlobalMaxPool, spatial ReduceMean; else the
     * last AveragePool), dequantised when the model quantises it. Every element per image becomes
     * a vector component (a [N, C, 1, 1] tensor gives C); a uint8 or int8 tensor is read as its
     * integer values.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Builder embeddingTensor(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("embedding tensor name must not be empty");
      }
      this.embeddingTensor = name;
      return this;
    }

    /**
     * How images become model input. If unset: {@link Preprocessing.Geometry#CENTER_CROP} with
     * {@link Preprocessing.Encoding#RAW_UINT8} for a uint8 input, {@link
     * Preprocessing.Encoding#IMAGENET_MEAN_STD} for a float input, at the model's input size.
     *
     * @throws NullPointerException if {@code preprocessing} is null
     */
    public Builder preprocessing(Preprocessing preprocessing) {
      this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
      return this;
    }

    /**
     * The most images per inference run in {@link OnnxImageEmbedder#embedAll(List)}. If unset, 8.
     * A model whose batch dimension is fixed overrides it with that value.
     *
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batch size must be at least 1: " + n);
      }
      this.batchSize = n;
      return this;
    }

    /**
     * The threads ONNX Runtime uses inside one inference run. If unset, 1: on few cores several
     * callers with one thread each use the CPU better than one caller with several threads.
     *
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Builder intraOpThreads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("intra-op threads must be at least 1: " + n);
      }
      this.intraOpThreads = n;
      return this;
    }

    /**
     * Whether ONNX Runtime's intra-op threads spin (busy-wait) between tasks instead of sleeping.
     * If unset, false: spinning saves microseconds per run on an idle machine, but on a loaded one
     * the spinning threads take cores from the decoders and the other callers (on the project's
     * 2-core machine, two spinning threads doubled the CPU per image). Matters only with more than
     * one intra-op thread.
     */
    public Builder intraOpSpinning(boolean spin) {
      this.spinning = spin;
      return this;
    }

    /**
     * Whether vectors are scaled to unit length (L2), so that inner product equals cosine. If
     * unset, true.
     */
    public Builder normalize(boolean l2) {
      this.normalize = l2;
      return this;
    }

    /**
     * Whether each image's vector is the mean of the vectors of the image and its mirror image
     * (each L2-normalised first when {@link #normalize} is on). Doubles the inference per image.
     * If unset, false: on the project's data it changed mAP and MRR by less than their noise
     * (pooled MobileNetV2 features are already nearly mirror-invariant; see the package
     * documentation).
     */
    public Builder flipAveraging(boolean flip) {
      this.flipAveraging = flip;
      return this;
    }

    /**
     * Whether each image's vector is the mean of the vectors of three zooms of its preprocessing
     * region: for a centre crop the whole shorter side (zoom 0.875), the crop (1) and a tighter
     * centre (1.25); for a squash 1, 1.25 and 1.5. Triples the inference per image (six times with
     * {@link #flipAveraging}). If unset, false: on the project's data it raised category mAP by
     * about 0.01 (2 %), not worth three times the inference by default (see the package
     * documentation).
     */
    public Builder multiScale(boolean multiScale) {
      this.multiScale = multiScale;
      return this;
    }

    /**
     * Reads the model, exposes the embedding tensor, opens an ONNX Runtime session and runs it
     * once on a blank image to learn the vector length.
     *
     * @return a new embedder, which the caller closes
     * @throws java.nio.file.NoSuchFileException if the model path does not exist
     * @throws IOException if a directory holds no or several .onnx files, the file is not an ONNX
     *     model, ONNX Runtime cannot load or run it, it has no usable image input (a 4-d float or
     *     uint8 NCHW/NHWC tensor with 3 channels), its input size is dynamic and the
     *     preprocessing sets none, or no pooling node is found for the automatic embedding tensor
     * @throws IllegalArgumentException if the embedding tensor names no tensor of the model (the
     *     message lists names that exist), the preprocessing's encoding does not fit the input's
     *     element type, or its size differs from the model's
     */
    public OnnxImageEmbedder build() throws IOException {
      ModelFile file = ModelFile.read(model);
      String name = file.path().toString();
      OnnxModelGraph graph = OnnxModelGraph.parse(file.bytes(), name);
      if (graph.usesExternalData()) {
        throw new IOException(
            name + " keeps weights in external data files, which this embedder does not load");
      }
      String tensor = EmbeddingTensorLocator.expose(graph, embeddingTensor, name);
      byte[] edited = graph.toByteArray();

      OrtEnvironment environment = OrtEnvironments.get();
      OrtSession session = openSession(environment, edited, name);
      try {
        InputSpec input = InputSpec.find(session.getInputInfo(), name);
        Preprocessing resolved = resolve(input, name);
        int batch = input.fixedBatch() > 0 ? input.fixedBatch() : batchSize;
        ImageViews views = ImageViews.of(flipAveraging, multiScale, resolved.geometry());
        return new OnnxImageEmbedder(
            file, tensor, resolved, normalize, views, batch, input, environment, session);
      } catch (OrtException e) {
        closeQuietly(session, e);
        throw new IOException(name + ": ONNX Runtime cannot run the model: " + e.getMessage(), e);
      } catch (IllegalStateException e) {
        // The probe run found an embedding tensor it cannot read as one vector per image.
        closeQuietly(session, e);
        throw new IOException(name + ": " + e.getMessage(), e);
      } catch (IOException | RuntimeException e) {
        closeQuietly(session, e);
        throw e;
      }
    }

    private OrtSession openSession(OrtEnvironment environment, byte[] modelBytes, String name)
        throws IOException {
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        // Spinning threads burn a core each between runs; on a loaded 2-core machine that
        // doubled the CPU per image (MEASURED.md).
        options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return environment.createSession(modelBytes, options);
      } catch (OrtException e) {
        throw new IOException(name + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
      }
    }

    /** The preprocessing for {@code input}: the default or the configured one, size filled in. */
    private Preprocessing resolve(InputSpec input, String name) throws IOException {
      Preprocessing chosen = preprocessing;
      if (chosen == null) {
        chosen =
            input.elementType() == InputElementType.UINT8
                ? Preprocessing.rawUint8()
                : Preprocessing.torchvision();
      }
      boolean floatInput = input.elementType() == InputElementType.FLOAT;
      if (chosen.encoding().isFloat() != floatInput) {
        throw new IllegalArgumentException(
            "preprocessing encoding " + chosen.encoding() + " does not fit the "
                + input.elementType() + " input '" + input.name() + "' of " + name + "; use "
                + (floatInput ? "IMAGENET_MEAN_STD or SYMMETRIC" : "RAW_UINT8"));
      }
      boolean dynamic = input.height() == 0 || input.width() == 0;
      if (!dynamic && input.height() != input.width()) {
        throw new IOException(
            name + " has a non-square input " + input.describeShape()
                + "; the embedder feeds square images");
      }
      if (chosen.size().isPresent()) {
        int size = chosen.size().getAsInt();
        if (!dynamic && size != input.height()) {
          throw new IllegalArgumentException(
              "preprocessing size " + size + " differs from the input size " + input.height()
                  + " of " + name);
        }
        return chosen;
      }
      if (dynamic) {
        throw new IOException(
            name + " has a dynamic input size " + input.describeShape()
                + "; set one with Preprocessing.withSize(n)");
      }
      return chosen.withSize(input.height());
    }

    private static void closeQuietly(OrtSession session, Exception failure) {
      try {
        session.close();
      } catch (OrtException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
