package dev.visualsearch.embed.onnx.testing;

import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.testing.SharedData;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Embeddings of the real photos in {@code ../shared/data} (tuxpaint, photos, pairs) by the
 * MobileNetV2 zoo model, computed once per test run: {@link #indexed} holds each photo, its mirror
 * image and a centre crop; {@link #queries} a corner crop of every fourth photo, an image the
 * index has not seen. 1280-dimensional unit vectors. Shared by the index modules' recall tests
 * (this module's test-jar).
 */
public final class RealEmbeddings {

  private static RealEmbeddings instance;

  /** The id of each indexed vector: the photo's path under the shared data, {@code #0..2}. */
  public final List<String> ids = new ArrayList<>();
  /** The vectors to index: each photo, its mirror image and a centre crop. */
  public final List<float[]> indexed = new ArrayList<>();
  /** Queries the index has not seen: a corner crop of every fourth photo. */
  public final List<float[]> queries = new ArrayList<>();
  /** The vectors' length. */
  public final int dimension;

  private RealEmbeddings() throws IOException {
    List<Path> photos = photos();
    ImageDecoder decoder = ImageDecoder.defaults();
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build()) {
      dimension = embedder.dimension();
      for (int i = 0; i < photos.size(); i++) {
        BufferedImage image = decoder.decode(photos.get(i));
        String name = SharedData.root().relativize(photos.get(i)).toString();
        List<BufferedImage> variants = new ArrayList<>();
        variants.add(image);
        variants.add(mirrored(image));
        variants.add(crop(image, 0.1, 0.1, 0.8));
        boolean query = i % 4 == 0;
        if (query) {
          variants.add(crop(image, 0.0, 0.15, 0.85));
        }
        List<float[]> vectors = embedder.embedAll(variants);
        for (int v = 0; v < 3; v++) {
          ids.add(name + "#" + v);
          indexed.add(vectors.get(v));
        }
        if (query) {
          queries.add(vectors.get(3));
        }
      }
    }
    System.out.printf(
        "real embeddings: %d photos, %d indexed vectors, %d queries, dimension %d%n",
        photos.size(), indexed.size(), queries.size(), dimension);
  }

  /** The embeddings, computed on first use. */
  public static synchronized RealEmbeddings get() {
    if (instance == null) {
      try {
        instance = new RealEmbeddings();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  private static List<Path> photos() throws IOException {
    List<Path> photos = new ArrayList<>();
    for (String folder : new String[] {"tuxpaint", "photos", "pairs"}) {
      try (Stream<Path> files = Files.walk(SharedData.data(folder))) {
        files
            .filter(Files::isRegularFile)
            .filter(f -> f.getFileName().toString().matches("(?i).*\\.(png|jpe?g)"))
            .sorted()
            .forEach(photos::add);
      }
    }
    return photos;
  }

  private static BufferedImage mirrored(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
    Graphics2D g = out.createGraphics();
    g.drawImage(image, new AffineTransform(-1, 0, 0, 1, image.getWidth(), 0), null);
    g.dispose();
    return out;
  }

  private static BufferedImage crop(BufferedImage image, double left, double top, double size) {
    int x = (int) (image.getWidth() * left);
    int y = (int) (image.getHeight() * top);
    int w = Math.max(1, (int) (image.getWidth() * size));
    int h = Math.max(1, (int) (image.getHeight() * size));
    return image.getSubimage(x, y, Math.min(w, image.getWidth() - x), Math.min(h, image.getHeight() - y));
  }
}
