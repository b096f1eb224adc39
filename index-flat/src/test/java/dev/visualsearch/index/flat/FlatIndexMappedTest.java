package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Metric;
import dev.visualsearch.store.CorruptFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlatIndex#openMapped}: the same answers as the index in the heap, over one mapped buffer
 * or many (the chunking that lets files beyond 2 GB map is tested with tiny chunks), read-only,
 * and unusable once closed.
 */
class FlatIndexMappedTest {

  @TempDir Path dir;

  @Test
  void mappedIndexAnswersAsTheHeapIndex() throws Exception {
    Random random = TestVectors.seeded("mapped", 21L);
    for (Metric metric : Metric.values()) {
      FlatIndex heap = FlatIndex.create(20, metric);
      float[][] vectors = TestVectors.clustered(random, 500, 20);
      for (int i = 0; i < vectors.length; i++) {
        heap.add("v" + i, vectors[i]);
      }
      heap.remove("v3");
      Path file = dir.resolve("mapped-" + metric);
      heap.save(file);
      float[][] queries = TestVectors.gaussian(random, 10, 20);

      // 20 floats are 80 bytes: 7 rows per 560-byte chunk, so runs straddle chunk ends.
      for (long chunkBytes : new long[] {MappedFloatRows.DEFAULT_CHUNK_BYTES, 560, 80}) {
        try (FlatIndex mapped = FlatIndex.openMapped(file, chunkBytes)) {
          assertThat(mapped.isReadOnly()).isTrue();
          assertThat(mapped.size()).isEqualTo(499);
          assertThat(mapped.vector("v7")).hasValueSatisfying(
              v -> assertThat(v).containsExactly(heap.vector("v7").orElseThrow()));
          for (float[] query : queries) {
            assertThat(mapped.search(query, 10).hits())
                .as("%s, chunks of %d bytes", metric, chunkBytes)
                .isEqualTo(heap.search(query, 10).hits());
          }
          assertThat(mapped.searchAll(queries, 5, id -> id.length() == 3))
              .isEqualTo(heap.searchAll(queries, 5, id -> id.length() == 3));
          assertThat(mapped.searchAmong(queries[0], 5, List.of("v1", "v200", "v499")).hits())
              .isEqualTo(heap.searchAmong(queries[0], 5, List.of("v1", "v200", "v499")).hits());
        }
      }
    }
  }

  @Test
  void chunksHoldWholeRows() throws Exception {
    FlatIndex heap = FlatIndex.create(4, Metric.L2);
    for (int i = 0; i < 10; i++) {
      heap.add("v" + i, new float[] {i, i, i, i});
    }
    Path file = dir.resolve("chunks");
    heap.save(file);

    try (FlatIndex mapped = FlatIndex.openMapped(file, 3 * 16 + 5)) {
      // 53 bytes hold 3 rows of 16: 4 chunks for 10 rows.
      assertThat(mapped.toString()).contains("mapped");
      assertThat(mapped.search(new float[] {9, 9, 9, 9}, 10).ids())
          .containsExactly("v9", "v8", "v7", "v6", "v5", "v4", "v3", "v2", "v1", "v0");
    }
  }

  @Test
  void aMappedIndexIsReadOnlyAndClosable() throws Exception {
    FlatIndex heap = FlatIndex.create(2, Metric.L2);
    heap.add("a", new float[] {1, 2});
    Path file = dir.resolve("read-only");
    heap.save(file);
    FlatIndex mapped = FlatIndex.openMapped(file);

    assertThatThrownBy(() -> mapped.add("b", new float[] {3, 4}))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("FlatIndex.open");
    assertThatThrownBy(() -> mapped.remove("a"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(mapped.vectorHeapBytesForTesting()).isZero();

    mapped.close();
    mapped.close();
    assertThatIllegalStateException()
        .isThrownBy(() -> mapped.search(new float[] {1, 2}, 1))
        .withMessageContaining("closed");
    assertThatIllegalStateException().isThrownBy(() -> mapped.vector("a"));
    assertThatIllegalStateException().isThrownBy(mapped::size);
    assertThatIllegalStateException().isThrownBy(() -> mapped.save(dir.resolve("again")));
    assertThat(mapped.toString()).contains("closed");
    // The file is no longer held: it can be replaced.
    heap.save(file);
  }

  @Test
  void anEncodedMappedIndexHoldsOnlyItsCodesInTheHeap() throws Exception {
    Random random = TestVectors.seeded("mapped int8", 9L);
    FlatIndex heap = FlatIndex.builder(64, Metric.COSINE).encoding(VectorEncoding.INT8).build();
    for (int i = 0; i < 200; i++) {
      heap.add("v" + i, TestVectors.gaussian(random, 64));
    }
    Path file = dir.resolve("int8");
    heap.save(file);

    try (FlatIndex mapped = FlatIndex.openMapped(file)) {
      assertThat(mapped.vectorHeapBytesForTesting()).isEqualTo(200L * 64 + 200L * Float.BYTES);
      float[] query = TestVectors.gaussian(random, 64);
      assertThat(mapped.search(query, 10).hits()).isEqualTo(heap.search(query, 10).hits());
    }
  }

  @Test
  void badValuesInTheMappedVectorsAreFoundAtOpening() throws Exception {
    FlatIndex heap = FlatIndex.create(2, Metric.L2);
    heap.add("a", new float[] {1, 2});
    heap.add("b", new float[] {3, 4});
    Path good = dir.resolve("good");
    heap.save(good);
    byte[] bytes = Files.readAllBytes(good);
    // b's second float is the last value before the 16-byte footer; write NaN there and fix
    // the checksum, so that only the value check can object.
    int at = bytes.length - 16 - Float.BYTES;
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(at, Float.NaN);
    Path bad = RawFiles.rechecksum(dir.resolve("bad"), bytes);

    assertThatThrownBy(() -> FlatIndex.openMapped(bad))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("item 1 ('b') holds NaN at position 1");
  }
}
