package dev.visualsearch.benchmarks.hnsw;

import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.image.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Real-image-like embeddings for the benchmark: the photos of {@code ../shared/data} (about 400),
 * each copied many times with seeded random augmentations — a crop of 30–100 % of the side at a
 * random place, a mirror image half the time, a rotation of up to ±25°, in half the copies a
 * patch of another photo pasted over a fifth to a half of the picture (CutMix), brightness and
 * per-channel colour gains, grey in one copy out of seven — and embedded by the MobileNetV2 zoo
 * model (1280-dimensional unit vectors).
 *
 * <p>With only about 400 photos behind 20 000 vectors, mild augmentations would leave each photo's
 * copies a tight cluster that any graph search finds at its smallest beam. Strong crops and pasted
 * patches spread the copies out and make them overlap with other photos' copies, so the data set
 * separates recall 0.90 from 0.99 as real collections of similar images do.
 *
 * <p>Simple java.awt augmentations, enough for benchmark data; the {@code augment} module is the
 * real thing. Generating 20 000 embeddings costs a few CPU-minutes, so callers cache the result.
 *
 * <p>Stateless and thread-safe.
 */
final class AugmentedImageEmbeddings {

  /** Photos are scaled down to this longest side once, so augmenting each copy is cheap. */
  private static final int SOURCE_SIDE = 448;

  private AugmentedImageEmbeddings() {}

  /** The shared directory: {@code -Dvisualsearch.shared.dir}, else {@code ../shared}. */
  static Path sharedDirectory() {
    Path dir = Path.of(System.getProperty("visualsearch.shared.dir", "../shared")).toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("data")) || !Files.isDirectory(dir.resolve("models"))) {
      throw new IllegalStateException(
          "cannot find the shared photos and models at " + dir
              + "; run from the repository root or pass -Dvisualsearch.shared.dir=...");
    }
    return dir.normalize();
  }

  /**
   * Embeds {@code count} augmented copies; copy {@code i} is of photo {@code i mod photos}, with
   * augmentations drawn from {@code seed} and {@code i}, so any prefix of a larger set is the
   * smaller set.
   */
  static float[][] generate(int count, long seed, int threads) throws IOException {
    Path shared = sharedDirectory();
    List<BufferedImage> photos = photos(shared.resolve("data"));
    Path model = shared.resolve("models/mobilenetv2-12-int8/mobilenetv2-12-int8.onnx");
    float[][] vectors = new float[count][];
    long start = System.nanoTime();
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(model).batchSize(8).intraOpThreads(1).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        int batch = 64;
        List<Future<?>> tasks = new ArrayList<>();
        for (int from = 0; from < count; from += batch) {
          int first = from;
          int last = Math.min(count, from + batch);
          tasks.add(pool.submit(() -> {
            List<BufferedImage> images = new ArrayList<>(last - first);
            for (int i = first; i < last; i++) {
              SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
              BufferedImage other = photos.get(random.nextInt(photos.size()));
              images.add(augment(photos.get(i % photos.size()), other, random));
            }
            List<float[]> embedded = embedder.embedAll(images);
            for (int i = first; i < last; i++) {
              vectors[i] = embedded.get(i - first);
            }
            return null;
          }));
        }
        for (int i = 0; i < tasks.size(); i++) {
          tasks.get(i).get();
          if (i % 50 == 49) {
            System.out.printf(
                "  embedded %d of %d augmented copies (%.0f s)%n",
                Math.min(count, (i + 1) * batch), count, (System.nanoTime() - start) / 1e9);
          }
        }
      } catch (Exception e) {
        throw new IOException("embedding the augmented photos failed", e);
      } finally {
        pool.shutdownNow();
      }
    }
    return vectors;
  }

  private static List<BufferedImage> photos(Path data) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : new String[] {"tuxpaint", "photos", "pairs"}) {
      try (Stream<Path> walk = Files.walk(data.resolve(folder))) {
        walk.filter(Files::isRegularFile)
            .filter(f -> f.getFileName().toString().matches("(?i).*\\.(png|jpe?g)"))
            .sorted()
            .forEach(files::add);
      }
    }
    ImageDecoder decoder = ImageDecoder.defaults();
    List<BufferedImage> photos = new ArrayList<>(files.size());
    for (Path file : files) {
      photos.add(scaleDown(decoder.decode(file)));
    }
    System.out.printf("  %d source photos from %s%n", photos.size(), data);
    return photos;
  }

  private static BufferedImage scaleDown(BufferedImage image) {
    double scale = Math.min(1.0, (double) SOURCE_SIDE / Math.max(image.getWidth(), image.getHeight()));
    int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  static BufferedImage augment(BufferedImage photo, BufferedImage other, SplittableRandom random) {
    int width = photo.getWidth();
    int height = photo.getHeight();
    double side = 0.3 + 0.7 * random.nextDouble();
    int cropWidth = Math.max(8, (int) (width * side));
    int cropHeight = Math.max(8, (int) (height * side));
    int x = random.nextInt(Math.max(1, width - cropWidth + 1));
    int y = random.nextInt(Math.max(1, height - cropHeight + 1));
    boolean mirror = random.nextBoolean();
    double angle = Math.toRadians(-25 + 50 * random.nextDouble());

    BufferedImage out = new BufferedImage(cropWidth, cropHeight, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform transform = new AffineTransform();
    transform.translate(cropWidth / 2.0, cropHeight / 2.0);
    transform.rotate(angle);
    if (mirror) {
      transform.scale(-1, 1);
    }
    transform.translate(-(x + cropWidth / 2.0), -(y + cropHeight / 2.0));
    g.drawImage(photo, transform, null);
    if (random.nextBoolean()) {
      // CutMix: a patch of another photo over 20-50 % of the picture.
      double area = 0.2 + 0.3 * random.nextDouble();
      int patchWidth = Math.max(4, (int) (cropWidth * Math.sqrt(area)));
      int patchHeight = Math.max(4, (int) (cropHeight * Math.sqrt(area)));
      int px = random.nextInt(Math.max(1, cropWidth - patchWidth + 1));
      int py = random.nextInt(Math.max(1, cropHeight - patchHeight + 1));
      int sx = random.nextInt(Math.max(1, other.getWidth() - patchWidth + 1));
      int sy = random.nextInt(Math.max(1, other.getHeight() - patchHeight + 1));
      g.drawImage(
          other, px, py, px + patchWidth, py + patchHeight,
          sx, sy, sx + Math.min(patchWidth, other.getWidth()), sy + Math.min(patchHeight, other.getHeight()),
          null);
    }
    g.dispose();

    double brightness = 0.7 + 0.6 * random.nextDouble();
    double[] gains = new double[3];
    for (int c = 0; c < 3; c++) {
      gains[c] = brightness * (0.9 + 0.2 * random.nextDouble());
    }
    boolean grey = random.nextInt(7) == 0;
    byte[] pixels = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i + 2 < pixels.length; i += 3) {
      if (grey) {
        int luma = (29 * (pixels[i] & 0xFF) + 150 * (pixels[i + 1] & 0xFF) + 77 * (pixels[i + 2] & 0xFF)) >> 8;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = (byte) luma;
      }
      for (int c = 0; c < 3; c++) {
        pixels[i + c] = (byte) Math.min(255, (int) ((pixels[i + c] & 0xFF) * gains[c]));
      }
    }
    return out;
  }
}
