package dev.visualsearch.eval.harness;

import dev.visualsearch.testing.SyntheticImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Folders of small distinct synthetic images, for protocol and harness tests. */
final class Pictures {

  private Pictures() {}

  /** Writes {@code count} images of four random quadrant colours to {@code folder}/{@code name}-i.png. */
  static List<Path> write(Path folder, String name, int count, long seed) throws IOException {
    Files.createDirectories(folder);
    SplittableRandom random = new SplittableRandom(seed);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(SyntheticImages.writePng(
          SyntheticImages.quadrants(32, colour(random), colour(random), colour(random), colour(random)),
          folder.resolve(String.format("%s-%02d.png", name, i))));
    }
    return files;
  }

  private static Color colour(SplittableRandom random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }
}
