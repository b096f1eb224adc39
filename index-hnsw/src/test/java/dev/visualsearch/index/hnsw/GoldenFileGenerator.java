package dev.visualsearch.index.hnsw;

import dev.visualsearch.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the golden file {@code hnsw-index-v1.bin} that {@link HnswGoldenFileTest} reads. Never
 * runs in a normal build (its name matches none of Surefire's test patterns, and it needs a
 * system property): the file was written once by format version 1 and is committed, so that later
 * versions of the code must keep reading it. Regenerate only for a new format version (under a new
 * name, keeping the old file), from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl index-hnsw -am test -Dtest=GoldenFileGenerator -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dvisualsearch.writeGoldenFiles=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "visualsearch.writeGoldenFiles", matches = "true")
class GoldenFileGenerator {

  static final Path TARGET =
      Path.of("src/test/resources/dev/visualsearch/index/hnsw/hnsw-index-v1.bin");

  /**
   * The index in the golden file. It exercises what version 1 must preserve: cosine
   * normalisation, several layers (m = 2 draws many upper-layer nodes), a tombstone (a removed
   * item, kept below the compaction share), a replaced id (moved to the end), equal vectors (whose
   * order is the tie-break order), a non-ASCII id, and settings other than the defaults.
   */
  static HnswIndex version1Index() {
    HnswIndex index =
        HnswIndex.builder(3, Metric.COSINE)
            .m(2)
            .efConstruction(8)
            .efSearch(5)
            .seed(2024)
            .buildThreads(1)
            .build();
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      items.put("grid-" + i, new float[] {1 + i % 3, 1 + i / 3, i % 2});
    }
    index.addAll(items);
    index.add("cat.jpg", new float[] {3, 4, 0});
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
