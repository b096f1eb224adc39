package dev.visualsearch.embed.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class names in a labels file beside a model (one per line, index 0 first). */
final class ImageNetLabels {

  private final List<String> names;

  private ImageNetLabels(List<String> names) {
    this.names = names;
  }

  static ImageNetLabels besideModel(Path model, String fileName) {
    try {
      return new ImageNetLabels(
          Files.readAllLines(model.resolveSibling(fileName), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name(int index) {
    return names.get(index);
  }

  int size() {
    return names.size();
  }

  /** The indices of the {@code k} largest scores, largest first. */
  static List<Integer> topK(float[] scores, int k) {
    List<Integer> best = new ArrayList<>();
    for (int n = 0; n < k; n++) {
      int arg = -1;
      for (int i = 0; i < scores.length; i++) {
        if (!best.contains(i) && (arg < 0 || scores[i] > scores[arg])) {
          arg = i;
        }
      }
      best.add(arg);
    }
    return best;
  }
}
