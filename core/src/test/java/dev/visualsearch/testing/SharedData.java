package dev.visualsearch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Locates the read-only models and photos in {@code ../shared} beside the checkout. Maven passes
 * the location as the system property {@code visualsearch.shared.dir}; without Maven (an IDE run)
 * the working directory and its parents are searched. Tests read the files in place.
 */
public final class SharedData {

  private static final Path ROOT = locate();

  private SharedData() {}

  /** The {@code shared} directory itself. */
  public static Path root() {
    return ROOT;
  }

  /** A path under {@code shared/data}, which must exist. */
  public static Path data(String relative) {
    return existing(ROOT.resolve("data").resolve(relative));
  }

  /** A path under {@code shared/models}, which must exist. */
  public static Path model(String relative) {
    return existing(ROOT.resolve("models").resolve(relative));
  }

  /** The ONNX Model Zoo MobileNetV2-12 int8 model (float NCHW input, torchvision recipe). */
  public static Path mobileNetV2Zoo() {
    return model("mobilenetv2-12-int8/mobilenetv2-12-int8.onnx");
  }

  /** The STMicroelectronics MobileNetV2 int8 model (uint8 NHWC input, raw RGB). */
  public static Path mobileNetV2St() {
    return model("mobilenetv2-int8-st/mobilenet_v2_1.0_224_int8_per_tensor.onnx");
  }

  /**
   * The same-object groups of {@code data/pairs/groups.csv}, in file order: group name → the paths
   * of its photos relative to {@code shared/data} (e.g. {@code "pairs/box.png"}).
   */
  public static Map<String, List<String>> pairGroups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(data("pairs/groups.csv"), StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.strip().split(",");
        groups.computeIfAbsent(fields[0], g -> new ArrayList<>()).add("pairs/" + fields[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return groups;
  }

  private static Path existing(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          "test data missing: " + path + " (the tests read ../shared beside the checkout)");
    }
    return path;
  }

  private static Path locate() {
    String configured = System.getProperty("visualsearch.shared.dir");
    if (configured != null) {
      Path path = Path.of(configured).toAbsolutePath().normalize();
      if (Files.isDirectory(path.resolve("data")) && Files.isDirectory(path.resolve("models"))) {
        return path;
      }
      throw new IllegalStateException(
          "visualsearch.shared.dir=" + configured + " does not hold data/ and models/");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))
          && Files.isDirectory(candidate.resolve("models"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find ../shared (models and photos) beside the checkout; set -Dvisualsearch.shared.dir");
  }
}
