package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.Metric;
import dev.visualsearch.vector.VectorKernels;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens {@code hnsw-index-v1.bin}, written by format version 1 (see {@link GoldenFileGenerator}):
 * whatever the format becomes, files saved by version 1 must keep opening with the same content
 * and the same answers.
 */
class HnswGoldenFileTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "mapped={0}")
  @ValueSource(booleans = {false, true})
  void version1FileOpensWithItsExactContent(boolean mapped) throws Exception {
    try (HnswIndex index = mapped ? HnswIndex.openMapped(golden()) : HnswIndex.open(golden())) {
      assertThat(index.dimension()).isEqualTo(3);
      assertThat(index.metric()).isEqualTo(Metric.COSINE);
      assertThat(index.m()).isEqualTo(2);
      assertThat(index.efConstruction()).isEqualTo(8);
      assertThat(index.efSearch()).isEqualTo(5);
      assertThat(index.seed()).isEqualTo(2024);
      assertThat(index.size()).isEqualTo(16);
      assertThat(index.nodesForTesting()).isEqualTo(18); // the removed and the replaced item
      assertThat(index.contains("removed.jpg")).isFalse();
      assertThat(index.vector("cat.jpg").orElseThrow()).containsExactly(1, 0, 0);
      assertThat(index.vector("twin-a.jpg").orElseThrow()).containsExactly(0, -1, 0);
      assertThat(index.vector("ünïcode/路径.jpg").orElseThrow()).containsExactly(0, 0, -1);
      assertThat(index.graphForTesting().maxLevel()).isGreaterThan(0);
      // Equal vectors come in the stored order.
      assertThat(index.search(new float[] {0, -1, 0}, 2, null, 50).ids())
          .containsExactly("twin-a.jpg", "twin-b.jpg");
      assertThat(index.search(new float[] {1, 0, 0}, 1).ids()).containsExactly("cat.jpg");
    }
  }

  /**
   * While version 1 is the version written, saving its content reproduces the file byte for byte.
   * When a new version is introduced this test changes; the one above must not.
   */
  @Test
  void savingTheGoldenContentReproducesTheFile() throws Exception {
    Path resaved = dir.resolve("resaved");
    HnswIndex.open(golden()).save(resaved);

    assertThat(Files.readAllBytes(resaved)).isEqualTo(Files.readAllBytes(golden()));
  }

  /**
   * Building the golden index again gives the same file: the build is reproducible. Which links
   * a build chooses depends on the rounding of the scores, and the file was written with the
   * scalar kernels; the SIMD kernels (with the Vector API) round differently and build another,
   * equally valid graph, so the comparison holds for the scalar kernels only.
   */
  @Test
  void rebuildingTheGoldenIndexReproducesTheFile() throws Exception {
    assumeTrue(
        VectorKernels.implementationName().equals("scalar"),
        "the golden file was built with the scalar kernels, not " + VectorKernels.implementationName());
    Path regenerated = dir.resolve("regenerated");
    GoldenFileGenerator.version1Index().save(regenerated);

    assertThat(Files.readAllBytes(regenerated)).isEqualTo(Files.readAllBytes(golden()));
  }

  private static Path golden() throws IOException, URISyntaxException {
    var resource = HnswGoldenFileTest.class.getResource("hnsw-index-v1.bin");
    if (resource == null) {
      throw new IOException("golden file hnsw-index-v1.bin is missing from the test resources");
    }
    return Path.of(resource.toURI());
  }
}
