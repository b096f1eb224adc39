package dev.visualsearch.embed.onnx;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Preprocessed images waiting for one inference run, in the model's input layout, in a direct
 * native-order buffer that ONNX Runtime reads in place. It separates the two halves of embedding
 * so that they can run on different threads: {@link #add(BufferedImage)} preprocesses (CPU work
 * beside decoding), {@link OnnxImageEmbedder#embedBatch(InputBatch)} runs the model.
 *
 * <pre>{@code
 * InputBatch batch = embedder.newBatch();
 * for (BufferedImage image : images) batch.add(image);   // e.g. on a decoding thread
 * List<float[]> vectors = embedder.embedBatch(batch);   // e.g. on an inference thread
 * batch.clear();                                        // reuse the buffer
 * }</pre>
 *
 * <p>Not thread-safe: one thread at a time fills or runs a batch; hand it over through a
 * thread-safe queue. Different batches of one embedder may be used concurrently.
 */
public final class InputBatch {

  private final OnnxImageEmbedder owner;
  private final ImagePreprocessor preprocessor;
  private final ImageViews views;
  private final int capacity;
  private final ByteBuffer buffer;
  private int size;

  /**
   * @param slots the model input slots the buffer holds: capacity × views, rounded up to whole
   *     runs for a model with a fixed batch dimension
   */
  InputBatch(OnnxImageEmbedder owner, ImagePreprocessor preprocessor, ImageViews views,
      int capacity, int slots) {
    this.owner = owner;
    this.preprocessor = preprocessor;
    this.views = views;
    this.capacity = capacity;
    // Direct and native-order: ONNX Runtime uses it in place instead of copying it.
    this.buffer =
        ByteBuffer.allocateDirect(slots * preprocessor.bytesPerImage())
            .order(ByteOrder.nativeOrder());
  }

  /**
   * Preprocesses {@code image} into the next free slot.
   *
   * @throws NullPointerException if {@code image} is null
   * @throws IllegalStateException if the batch is full
   */
  public void add(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    if (size == capacity) {
      throw new IllegalStateException("input batch is full: " + capacity + " images");
    }
    preprocessor.writeViews(image, views, buffer, size * views.count());
    size++;
  }

  /** The number of images added since creation or the last {@link #clear()}. */
  public int size() {
    return size;
  }

  /** The most images the batch holds: the embedder's batch size. */
  public int capacity() {
    return capacity;
  }

  /** Whether {@link #size()} has reached {@link #capacity()}. */
  public boolean isFull() {
    return size == capacity;
  }

  /** Whether no image has been added since creation or the last {@link #clear()}. */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Empties the batch for reuse; the buffer is kept. (A fixed-batch model still reads the slots
   * past {@link #size()}, holding older images or zeros; their rows of the output are dropped.)
   */
  public void clear() {
    size = 0;
  }

  OnnxImageEmbedder owner() {
    return owner;
  }

  ByteBuffer buffer() {
    return buffer;
  }
}
