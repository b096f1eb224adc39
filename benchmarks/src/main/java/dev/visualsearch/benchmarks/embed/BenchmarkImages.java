package dev.visualsearch.benchmarks.embed;

import dev.visualsearch.image.ImageDecoder;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The image sets of the embedding benchmarks, made once from {@code ../shared/data} into a
 * folder under {@code java.io.tmpdir} and reused by later forks and runs:
 *
 * <ul>
 *   <li>{@code small}: the first 128 tuxpaint PNGs (sorted by path; at most 460 px a side),
 *       composited on white and re-encoded as JPEG, quality 90;
 *   <li>{@code photos}: the 39 real photos of {@code photos/} and {@code pairs/} as they are (JPEG
 *       and PNG, 0.05–2 megapixels);
 *   <li>{@code large}: 8 of those photos enlarged to 4000 × 3000 (12 megapixels, a phone camera's
 *       size) and saved as JPEG, quality 90, 4:2:0.
 * </ul>
 *
 * <p>Thread-safe: the files are written once, behind a marker file, and only read after.
 */
final class BenchmarkImages {

  /** Which set. */
  enum Set {
    small,
    photos,
    large
  }

  private static final int SMALL_COUNT = 128;
  private static final int LARGE_WIDTH = 4000;
  private static final int LARGE_HEIGHT = 3000;
  private static final List<String> LARGE_SOURCES = List.of("baboon.jpg", "building.jpg",
      "hubble_deep_field.jpg", "retina.jpg", "rocket.jpg", "starry_night.jpg", "fruits.jpg",
      "squirrel_cls.jpg");
  private static final String VERSION = "v1"; // bump when the recipe changes

  private BenchmarkImages() {}

  /** The files of a set, in a fixed order. */
  static synchronized List<Path> files(Set set) {
    Path root =
        Path.of(System.getProperty("java.io.tmpdir"), "visualsearch-bench-images-" + VERSION);
    Path dir = root.resolve(set.name());
    try {
      if (!Files.exists(dir.resolve(".complete"))) {
        make(set, dir);
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(f -> !f.getFileName().toString().startsWith("."))
            .sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare benchmark images in " + dir, e);
    }
  }

  /** The project's shared folder: {@code -Dvisualsearch.shared.dir}, else {@code ../shared}. */
  static Path shared() {
    String configured = System.getProperty("visualsearch.shared.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return candidate;
      }
      if (Files.isDirectory(dir.resolve("shared/data"))) {
        return dir.resolve("shared");
      }
    }
    throw new IllegalStateException(
        "cannot find ../shared; run from the project root or set -Dvisualsearch.shared.dir");
  }

  private static void make(Set set, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path data = shared().resolve("data");
    switch (set) {
      case small: {
        List<Path> pngs;
        try (Stream<Path> files = Files.walk(data.resolve("tuxpaint"))) {
          pngs = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        for (int i = 0; i < SMALL_COUNT; i++) {
          BufferedImage rgb = ImageDecoder.defaults().decode(pngs.get(i));
          writeJpeg(rgb, dir.resolve(String.format("small-%03d.jpg", i)));
        }
        break;
      }
      case photos: {
        List<Path> photos = new ArrayList<>();
        for (String folder : List.of("photos", "pairs")) {
          try (Stream<Path> files = Files.list(data.resolve(folder))) {
            files.filter(f -> f.toString().matches(".*\\.(jpg|png)$")).forEach(photos::add);
          }
        }
        photos.sort(Comparator.naturalOrder());
        for (Path photo : photos) {
          Files.copy(photo, dir.resolve(photo.getParent().getFileName() + "-"
              + photo.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        break;
      }
      case large: {
        for (String name : LARGE_SOURCES) {
          BufferedImage source = ImageDecoder.defaults().decode(data.resolve("photos/" + name));
          BufferedImage big =
              new BufferedImage(LARGE_WIDTH, LARGE_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
          java.awt.Graphics2D g = big.createGraphics();
          g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
              RenderingHints.VALUE_INTERPOLATION_BICUBIC);
          g.drawImage(source, 0, 0, LARGE_WIDTH, LARGE_HEIGHT, null);
          g.dispose();
          writeJpeg(big, dir.resolve("large-" + name));
        }
        break;
      }
      default:
        throw new AssertionError(set);
    }
    Files.createFile(dir.resolve(".complete"));
  }

  private static void writeJpeg(BufferedImage image, Path file) throws IOException {
    Files.deleteIfExists(file); // the output stream below does not truncate
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
