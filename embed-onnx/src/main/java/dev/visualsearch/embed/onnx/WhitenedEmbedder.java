package dev.visualsearch.embed.onnx;

import dev.visualsearch.Embedder;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedder whose vectors are another's, PCA-whitened ({@link PcaWhitening#wrap}). Its
 * fingerprint is the other's plus the whitening's description, so collections of whitened
 * vectors open only with the same model and the same whitening.
 *
 * <p>Thread-safe if the wrapped embedder is (the whitening is immutable).
 */
final class WhitenedEmbedder implements Embedder {

  private final Embedder inner;
  private final PcaWhitening whitening;

  WhitenedEmbedder(Embedder inner, PcaWhitening whitening) {
    this.inner = inner;
    this.whitening = whitening;
  }

  @Override
  public int dimension() {
    return whitening.outputDimension();
  }

  @Override
  public String fingerprint() {
    return inner.fingerprint() + ";" + whitening.describe();
  }

  @Override
  public float[] embed(BufferedImage image) {
    return whitening.apply(inner.embed(image));
  }

  @Override
  public List<float[]> embedAll(List<BufferedImage> images) {
    List<float[]> whitened = new ArrayList<>(images.size());
    for (float[] vector : inner.embedAll(images)) {
      whitened.add(whitening.apply(vector));
    }
    return whitened;
  }

  /** Closes the wrapped embedder. */
  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "WhitenedEmbedder[" + inner + ", " + whitening + "]";
  }
}
