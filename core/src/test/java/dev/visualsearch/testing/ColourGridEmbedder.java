package dev.visualsearch.testing;

import dev.visualsearch.Embedder;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic test embedder with no model: the mean red, green and blue of each cell of a 2×2
 * grid, scaled to [0, 1] — 12 numbers. Images of similar colour layout get similar vectors, which
 * is all the facade's bookkeeping tests need. Counts its calls.
 */
public final class ColourGridEmbedder implements Embedder {

  private final String fingerprint;
  private final AtomicInteger embedded = new AtomicInteger();

  public ColourGridEmbedder() {
    this("test:colour-grid-2x2");
  }

  public ColourGridEmbedder(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  @Override
  public int dimension() {
    return 12;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public float[] embed(BufferedImage image) {
    embedded.incrementAndGet();
    float[] vector = new float[12];
    int[] counts = new int[4];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int cell = (y * 2 / image.getHeight()) * 2 + x * 2 / image.getWidth();
        int rgb = image.getRGB(x, y);
        vector[cell * 3] += ((rgb >> 16) & 0xFF) / 255f;
        vector[cell * 3 + 1] += ((rgb >> 8) & 0xFF) / 255f;
        vector[cell * 3 + 2] += (rgb & 0xFF) / 255f;
        counts[cell]++;
      }
    }
    for (int i = 0; i < 12; i++) {
      vector[i] = counts[i / 3] == 0 ? 0 : vector[i] / counts[i / 3];
    }
    // Never the zero vector, which cosine refuses: black images still have a direction.
    vector[0] += 1e-3f;
    return vector;
  }

  /** How many images were embedded so far. */
  public int embeddedCount() {
    return embedded.get();
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ColourGridEmbedder[" + fingerprint + "]";
  }
}
