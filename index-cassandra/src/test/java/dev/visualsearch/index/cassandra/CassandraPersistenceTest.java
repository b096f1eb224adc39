package dev.visualsearch.index.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Metric;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.store.CorruptFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code save} writes a descriptor, and the factory reopens the same table from it, even after
 * the node was killed ({@code kill -9}) and restarted: nothing acknowledged is lost.
 */
@ExtendWith(SingleNode.class)
class CassandraPersistenceTest {

  @TempDir Path directory;

  @Test
  void reopenAfterTheNodeWasKilledAndRestarted() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CassandraPersistenceTest seed " + seed);
    Random random = new Random(seed);
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      float[] vector = new float[64];
      for (int d = 0; d < vector.length; d++) {
        vector[d] = (float) random.nextGaussian();
      }
      items.put("item-" + i, vector);
    }
    CassandraIndexBuilder configured = SingleNode.builder(64, Metric.L2);
    VectorIndexFactory factory = CassandraIndex.factory(b -> configured);
    Path descriptor = directory.resolve("index.vsc");
    try (VectorIndex index = factory.create(64, Metric.L2)) {
      ((CassandraIndex) index).addAll(items);
      // The last acknowledged write before the kill: it must survive the kill too.
      assertThat(index.remove("item-0")).isTrue();
      index.save(descriptor);
    }

    CassandraNode node = SingleNode.node();
    node.kill();
    node.start();

    try (VectorIndex reopened = factory.open(descriptor)) {
      assertThat(reopened.dimension()).isEqualTo(64);
      assertThat(reopened.metric()).isEqualTo(Metric.L2);
      assertThat(reopened.size()).isEqualTo(299);
      assertThat(reopened.contains("item-0")).isFalse();
      for (Map.Entry<String, float[]> item : items.entrySet()) {
        if (!item.getKey().equals("item-0")) {
          assertThat(reopened.vector(item.getKey())).as(item.getKey()).get().isEqualTo(item.getValue());
        }
      }
      float[] query = items.get("item-42");
      assertThat(reopened.search(query, 1).get(0).id()).isEqualTo("item-42");
      assertThat(reopened.search(query, 1).get(0).score()).isEqualTo(0f);
    }
  }

  @Test
  void aCorruptDescriptorNamesTheFile() throws Exception {
    Path descriptor = directory.resolve("index.vsc");
    try (CassandraIndex index = SingleNode.builder(2, Metric.L2).build()) {
      index.save(descriptor);
    }
    byte[] bytes = Files.readAllBytes(descriptor);
    bytes[bytes.length / 2] ^= 1;
    Files.write(descriptor, bytes);

    assertThatThrownBy(() -> CassandraIndex.open(descriptor))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(descriptor.toString());
  }
}
