package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.store.FormatTooNewException;
import dev.visualsearch.store.FormatTooOldException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files with a valid checksum but values an HNSW index never writes are refused by the reader's
 * own checks — on the heap and mapped alike — with the value in the message.
 */
class HnswFormatTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "mapped={0}")
  @ValueSource(booleans = {false, true})
  void handWrittenVersion1FileOpens(boolean mapped) throws IOException {
    Path file = new RawHnswFile().write(dir.resolve("ok"));
    try (HnswIndex index = mapped ? HnswIndex.openMapped(file) : HnswIndex.open(file)) {
      assertThat(index.size()).isEqualTo(2);
      assertThat(index.m()).isEqualTo(2);
      assertThat(index.vector("b").orElseThrow()).containsExactly(0, 1);
      assertThat(index.search(new float[] {0, 0.9f}, 2).ids()).containsExactly("b", "a");
    }
  }

  @Test
  void versionsOutsideTheRange() throws IOException {
    RawHnswFile newer = new RawHnswFile();
    newer.version = 2;
    assertThatThrownBy(() -> HnswIndex.open(newer.write(dir.resolve("new"))))
        .isInstanceOf(FormatTooNewException.class)
        .hasMessageContaining("HnswIndex format version 2, newer than the newest version");
    RawHnswFile older = new RawHnswFile();
    older.version = 0;
    assertThatThrownBy(() -> HnswIndex.open(older.write(dir.resolve("old"))))
        .isInstanceOf(FormatTooOldException.class);
  }

  @Test
  void settingsOutOfRange() throws IOException {
    assertCorrupt(f -> f.dimension = 0, "dimension 0 is outside [1, 65536]");
    assertCorrupt(f -> f.metric = "MANHATTAN", "unknown metric 'MANHATTAN'");
    assertCorrupt(f -> f.m = 1, "m 1 is outside [2, 512]");
    assertCorrupt(f -> f.efConstruction = 0, "efConstruction 0 is outside [1, 1048576]");
    assertCorrupt(f -> f.efSearch = -3, "efSearch -3 is outside [1, 1048576]");
    assertCorrupt(f -> f.insertions = 1, "insertion count 1 is below the node count 2");
  }

  @Test
  void nodeCountBeyondTheRemainingBytes() throws IOException {
    assertCorrupt(f -> f.nodes = 1000, "node count 1000 is outside [0, ");
    assertCorrupt(f -> f.nodes = -1, "node count -1 is outside [0, ");
  }

  @Test
  void badNodes() throws IOException {
    assertCorrupt(f -> f.levels = new int[] {64, 0}, "layer 64 of node 0 is above 63");
    assertCorrupt(f -> f.live = new int[] {1, 2}, "live flag 2 of node 1 is neither 0 nor 1");
    assertCorrupt(f -> f.ids = new String[] {"a", "a"}, "duplicate id 'a' at node 1");
  }

  @Test
  void entryPointNotOnTheTopLayer() throws IOException {
    assertCorrupt(f -> f.entryPoint = 1, "entry point 1 on layer 1 is not a node on the top layer (1) of 2 nodes");
    assertCorrupt(f -> f.entryPoint = 5, "entry point 5 on layer 1 is not a node on the top layer");
    assertCorrupt(f -> f.maxLevel = 0, "entry point 0 on layer 0 is not a node on the top layer (1)");
  }

  @Test
  void paddingAndLength() throws IOException {
    assertCorrupt(f -> f.paddingValue = 7, "padding byte 0 before the vectors is not zero");
    assertCorrupt(f -> f.trailingBytes = 4, "2 nodes of dimension 2 need 68 bytes of vectors and links, but 72 remain");
  }

  @Test
  void badVectors() throws IOException {
    assertCorrupt(
        f -> f.vectors = new float[][] {{1, 0}, {0, Float.POSITIVE_INFINITY}},
        "vector of node 1 holds Infinity at position 1");
    assertCorrupt(
        f -> {
          f.metric = "COSINE";
          f.vectors = new float[][] {{1, 0}, {0, 2}};
        },
        "cosine vector of node 1 has squared length 4.0, not 1");
  }

  @Test
  void badLinks() throws IOException {
    assertCorrupt(
        f -> f.level0 = new int[][] {{5, 1, 0, 0, 0}, {1, 0, 0, 0, 0}},
        "neighbour count 5 on layer 0 of node 0 is outside [0, 4]");
    assertCorrupt(
        f -> f.level0 = new int[][] {{1, 2, 0, 0, 0}, {1, 0, 0, 0, 0}},
        "neighbour 2 on layer 0 of node 0 is not another node");
    assertCorrupt(
        f -> f.level0 = new int[][] {{1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}},
        "neighbour 0 on layer 0 of node 0 is not another node");
    assertCorrupt(
        f -> f.level0 = new int[][] {{2, 1, 1, 0, 0}, {1, 0, 0, 0, 0}},
        "neighbour 1 appears twice on layer 0 of node 0");
    assertCorrupt(
        f -> f.level0 = new int[][] {{1, 1, 0, 0, 9}, {1, 0, 0, 0, 0}},
        "unused slot 3 on layer 0 of node 0 is not zero");
    assertCorrupt(
        f -> f.upper = new int[][] {{1, 1, 0}},
        "neighbour 1 on layer 1 of node 0 is not on that layer");
  }

  private void assertCorrupt(Consumer<RawHnswFile> change, String message) throws IOException {
    RawHnswFile raw = new RawHnswFile();
    change.accept(raw);
    Path file = raw.write(dir.resolve("bad"));
    assertThatThrownBy(() -> HnswIndex.open(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> HnswIndex.openMapped(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(message);
  }
}
