package dev.visualsearch.index.flat;

import dev.visualsearch.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the golden files {@code flat-index-v1.bin} and {@code flat-index-v2.bin} that {@link
 * FlatIndexGoldenFileTest} reads.
 * Never runs in a normal build (its name matches none of Surefire's test patterns, and it needs a
 * system property): each file was written once by its format version and is committed, so that later
 * versions of the code must keep reading it. Write a file only for a new format version (under
 * a new name, keeping the old files; version 1 can no longer be written), from the repository
 * root:
 *
 * <pre>
 * ./mvnw -B -q -pl index-flat test -Dtest=GoldenFileGenerator -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dvisualsearch.writeGoldenFiles=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "visualsearch.writeGoldenFiles", matches = "true")
class GoldenFileGenerator {

  static final Path DIRECTORY = Path.of("src/test/resources/dev/visualsearch/index/flat");

  /**
   * The index in the version 1 golden file (written by the code of that version). It exercises what version 1 must preserve: cosine
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

  /**
   * The index in the version 2 golden file: the version 1 content, in an index that scans a
   * float16 copy and re-scores 3 candidates per hit, the two fields version 2 added.
   */
  static FlatIndex version2Index() {
    FlatIndex index =
        FlatIndex.builder(3, Metric.COSINE)
            .encoding(VectorEncoding.FLOAT16)
            .rescoreFactor(3)
            .build();
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
  void writeVersion2GoldenFile() throws IOException {
    Path target = DIRECTORY.resolve("flat-index-v2.bin");
    Files.createDirectories(DIRECTORY);
    version2Index().save(target);
    System.out.println("wrote " + target.toAbsolutePath() + " (" + Files.size(target) + " bytes)");
  }
}
