package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the golden file {@code flat-index-v1.bin} that {@link FlatIndexGoldenFileTest} reads.
 * Never runs in a normal build (its name matches none of Surefire's test patterns, and it needs a
 * system property): the file was written once by format version 1 and is committed, so that later
 * versions of the code must keep reading it. Regenerate only for a new format version (under
 * a new name, keeping the old file), from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl index-flat test -Dtest=GoldenFileGenerator -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dvisualsearch.writeGoldenFiles=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "visualsearch.writeGoldenFiles", matches = "true")
class GoldenFileGenerator {

  static final Path TARGET =
      Path.of("src/test/resources/dev/visualsearch/index/flat/flat-index-v1.bin");

  /**
   * The index in the golden file. It exercises what version 1 must preserve: cosine
   * normalisation, a removed item (absent from the file), a replaced id (moved to the end), equal
   * vectors (whose order is the tie-break order) and a non-ASCII id.
   */
  static FlatIndex version1Index() {
    FlatIndex index = FlatIndex.create(3, Metric.COSINE);
    index.add("cat.jpg", new float[] {3, 4, 0});
    index.add("dog.jpg", new float[] {0, 0, 2});
    index.add("removed.jpg", new float[] {1, 1, 1});
    index.remove("removed.jpg");
    index.add("twin-a.jpg", new float[] {0, -5, 0});
    index.add("twin-b.jpg", new float[] {0, -1, 0});
    index.add("cat.jpg", new float[] {1, 0, 0});
    index.add("ünïcode/路径.jpg", new float[] {0, 0, -1});
    return index;
  }

  @Test
  void writeVersion1GoldenFile() throws IOException {
    Files.createDirectories(TARGET.getParent());
    version1Index().save(TARGET);
    System.out.println("wrote " + TARGET.toAbsolutePath() + " (" + Files.size(TARGET) + " bytes)");
  }
}
