package dev.visualsearch.index.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input is refused before anything reaches the cluster, with messages naming the value; a
 * table that does not fit and an unreachable cluster give errors naming the table, the hosts and
 * the reason.
 */
@ExtendWith(SingleNode.class)
class CassandraIndexValidationTest {

  private static CassandraIndex index;

  @BeforeAll
  static void open() {
    index = SingleNode.builder(4, Metric.COSINE).build();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void wrongDimension() {
    assertThatThrownBy(() -> index.add("a", new float[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector dimension 3 != index dimension 4");
    assertThatThrownBy(() -> index.search(new float[5], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query dimension 5 != index dimension 4");
  }

  @Test
  void nanAndInfinity() {
    assertThatThrownBy(() -> index.add("a", new float[] {1, Float.NaN, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector holds NaN at position 1");
    assertThatThrownBy(() -> index.search(new float[] {0, 0, 0, Float.POSITIVE_INFINITY}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query holds Infinity at position 3");
  }

  @Test
  void zeroVectorForCosine() {
    assertThatThrownBy(() -> index.add("a", new float[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all zeros");
  }

  @Test
  void kBelowOneAndNulls() {
    assertThatThrownBy(() -> index.search(new float[] {1, 0, 0, 0}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be at least 1: 0");
    assertThatThrownBy(() -> index.add(null, new float[] {1, 0, 0, 0}))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> index.add("a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aBadItemInABulkWriteStopsItBeforeAnythingIsSent() {
    float[] good = {1, 0, 0, 0};
    assertThatThrownBy(() -> index.addAll(Map.of("good", good, "bad", new float[] {Float.NaN, 0, 0, 0})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThat(index.contains("good")).isFalse();
  }

  @Test
  void aTableOfAnotherDimensionIsRefused() {
    assertThatThrownBy(
            () ->
                CassandraIndex.builder(8, Metric.COSINE)
                    .contactPoints(SingleNode.node().contactPoint())
                    .keyspace(index.keyspace())
                    .table(index.table())
                    .build())
        .isInstanceOf(CassandraIndexException.class)
        .hasMessageContaining(index.keyspace() + "." + index.table())
        .hasMessageContaining("vector<float, 4>")
        .hasMessageContaining("not vector<float, 8>");
  }

  @Test
  void aTableOfAnotherMetricIsRefused() {
    assertThatThrownBy(
            () ->
                CassandraIndex.builder(4, Metric.L2)
                    .contactPoints(SingleNode.node().contactPoint())
                    .keyspace(index.keyspace())
                    .table(index.table())
                    .build())
        .isInstanceOf(CassandraIndexException.class)
        .hasMessageContaining("similarity cosine")
        .hasMessageContaining("needs euclidean");
  }

  @Test
  void unreachableClusterNamesTheHostAndTheReason() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                CassandraIndex.builder(4, Metric.COSINE)
                    .contactPoints("127.0.0.1:19999")
                    .requestTimeout(Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(CassandraIndexException.class)
        .hasMessageContaining("cannot connect")
        .hasMessageContaining("no node answered: 127.0.0.1:19999 → ")
        .hasMessageContaining("ConnectionInitException");
    System.out.printf("unreachable cluster reported in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  @Test
  void builderChecksItsValues() {
    CassandraIndexBuilder builder = CassandraIndex.builder(4, Metric.L2);
    assertThatThrownBy(() -> builder.keyspace("Bad-Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Bad-Name'");
    assertThatThrownBy(() -> builder.contactPoints(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at least one contact point is needed");
    assertThatThrownBy(() -> builder.contactPoints("host:1:2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact point must be host[:port]: 'host:1:2'");
    assertThatThrownBy(() -> builder.maxConcurrentWrites(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max concurrent writes must be in [1, 1024]: 0");
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request timeout must be positive: PT0S");
    assertThatThrownBy(() -> Replication.simple(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replication factor must be at least 1: 0");
    assertThatThrownBy(() -> CassandraIndex.builder(0, Metric.L2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension must be in [1, 65536]: 0");
  }
}
