package dev.visualsearch.index.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A ring of three real nodes (127.0.0.1-3) and a keyspace with replication factor 3: writes at
 * QUORUM; one node is killed ({@code kill -9}); every acknowledged write stays readable and
 * searches keep answering at ONE and QUORUM, while ALL reports the missing replica; writes at
 * QUORUM go on; the node restarts and catches up (hinted handoff) until it holds every row
 * itself.
 *
 * <p>Runs in its own Surefire execution ("ring"), after the single-node tests have stopped their
 * node.
 */
class ThreeNodeRingTest {

  private static final int DIMENSION = 32;
  private static final List<CassandraNode> NODES =
      List.of(
          new CassandraNode("ring1", "127.0.0.1", "127.0.0.1"),
          new CassandraNode("ring2", "127.0.0.2", "127.0.0.1"),
          new CassandraNode("ring3", "127.0.0.3", "127.0.0.1"));

  @BeforeAll
  static void startRing() {
    long start = System.nanoTime();
    for (CassandraNode node : NODES) {
      node.wipe().start();
    }
    try (CqlSession session = session(NODES.get(0))) {
      awaitUp(session, 3, Duration.ofSeconds(60));
    }
    System.out.printf("ring of 3 up in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  @AfterAll
  static void stopRing() {
    for (CassandraNode node : NODES) {
      node.kill();
    }
  }

  @Test
  void survivesAKilledNodeAndCatchesUp() throws Exception {
    long seed = System.nanoTime();
    System.out.println("ThreeNodeRingTest seed " + seed);
    Random random = new Random(seed);
    Map<String, float[]> before = vectors(random, "before-", 300);
    Map<String, float[]> during = vectors(random, "during-", 100);

    long phase = System.nanoTime();
    try (CassandraIndex writer = index(DefaultConsistencyLevel.QUORUM, DefaultConsistencyLevel.QUORUM)) {
      writer.addAll(before);
    }
    System.out.printf("wrote %d vectors at QUORUM, RF 3: %.1f s%n", before.size(), seconds(phase));

    CassandraNode victim = NODES.get(1);
    victim.kill();
    phase = System.nanoTime();

    try (CassandraIndex reader = index(DefaultConsistencyLevel.ONE, DefaultConsistencyLevel.QUORUM)) {
      // Until the other nodes convict the dead one (seconds), reads sent to it time out and the
      // index sends them again: the first search waits for that.
      long first = System.nanoTime();
      assertThat(reader.search(before.values().iterator().next(), 10).size()).isEqualTo(10);
      System.out.printf("first search at ONE after the kill: %.1f s%n", seconds(first));
    }
    for (ConsistencyLevel level : List.of(DefaultConsistencyLevel.ONE, DefaultConsistencyLevel.QUORUM)) {
      try (CassandraIndex reader = index(level, DefaultConsistencyLevel.QUORUM)) {
        assertEveryVectorReadable(reader, before);
        assertSearchFindsEachVector(reader, before, 50);
      }
    }
    System.out.printf("reads and searches at ONE and QUORUM with a node down: %.1f s%n", seconds(phase));

    try (CassandraIndex all = index(DefaultConsistencyLevel.ALL, DefaultConsistencyLevel.QUORUM)) {
      assertThatThrownBy(() -> all.vector("before-1"))
          .isInstanceOf(CassandraIndexException.class)
          .hasMessageContaining("consistency ALL")
          .hasMessageContaining("3 required, 2 alive");
    }

    try (CassandraIndex writer = index(DefaultConsistencyLevel.QUORUM, DefaultConsistencyLevel.QUORUM)) {
      writer.addAll(during);
      assertThat(writer.remove("before-0")).isTrue();
    }

    phase = System.nanoTime();
    victim.start();
    Map<String, float[]> expected = new LinkedHashMap<>(before);
    expected.putAll(during);
    expected.remove("before-0");
    try (CqlSession session = session(victim)) {
      awaitUp(session, 3, Duration.ofSeconds(60));
      awaitRowsOnNode(session, victim, expected.size(), Duration.ofSeconds(90));
    }
    System.out.printf("restarted node caught up in %.1f s%n", seconds(phase));

    try (CassandraIndex all = index(DefaultConsistencyLevel.ALL, DefaultConsistencyLevel.ALL)) {
      assertThat(all.size()).isEqualTo(expected.size());
      assertEveryVectorReadable(all, expected);
      assertThat(all.contains("before-0")).isFalse();
      assertSearchFindsEachVector(all, during, 50);
    }
  }

  private static CassandraIndex index(ConsistencyLevel read, ConsistencyLevel write) {
    return CassandraIndex.builder(DIMENSION, Metric.L2)
        .contactPoints(NODES.stream().map(CassandraNode::contactPoint).toList())
        .keyspace("ring")
        .table("vectors")
        .replication(Replication.simple(3))
        .readConsistency(read)
        .writeConsistency(write)
        .requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  private static void assertEveryVectorReadable(CassandraIndex index, Map<String, float[]> items) {
    for (Map.Entry<String, float[]> item : items.entrySet()) {
      assertThat(index.vector(item.getKey())).as(item.getKey()).get().isEqualTo(item.getValue());
    }
  }

  /**
   * Searches for stored vectors themselves: every search answers 10 hits, and (the index being
   * approximate) at least 90% find the vector itself first.
   */
  private static void assertSearchFindsEachVector(
      CassandraIndex index, Map<String, float[]> items, int queries) {
    int n = 0;
    int found = 0;
    for (Map.Entry<String, float[]> item : items.entrySet()) {
      if (n++ == queries) {
        break;
      }
      SearchResult result = index.search(item.getValue(), 10);
      assertThat(result.size()).isEqualTo(10);
      if (result.get(0).id().equals(item.getKey())) {
        found++;
      }
    }
    System.out.printf("%s: %d of %d searches found the vector itself first%n", index, found, queries);
    assertThat(found).isGreaterThanOrEqualTo(queries * 9 / 10);
  }

  /** Waits until {@code node}, reading its own replica at ONE, counts {@code rows} rows. */
  private static void awaitRowsOnNode(CqlSession session, CassandraNode node, int rows, Duration timeout) {
    Node target = find(session, node);
    long deadline = System.nanoTime() + timeout.toNanos();
    long count = -1;
    while (System.nanoTime() < deadline) {
      try {
        count =
            session
                .execute(
                    SimpleStatement.newInstance("SELECT COUNT(*) FROM ring.vectors")
                        .setNode(target)
                        .setConsistencyLevel(DefaultConsistencyLevel.ONE)
                        .setTimeout(Duration.ofSeconds(20)))
                .one()
                .getLong(0);
        if (count == rows) {
          return;
        }
      } catch (RuntimeException e) {
        System.out.println("count on " + node + " failed: " + e);
      }
      sleep(1000);
    }
    throw new AssertionError(
        node + " holds " + count + " rows, not " + rows + ", after " + timeout + "; log tail:\n"
            + node.logTail(30));
  }

  private static CqlSession session(CassandraNode node) {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(node.address(), CassandraNode.CQL_PORT))
        .withLocalDatacenter(CassandraNode.DATACENTER)
        .build();
  }

  private static void awaitUp(CqlSession session, int nodes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long up =
          session.getMetadata().getNodes().values().stream()
              .filter(n -> n.getState() == NodeState.UP)
              .count();
      if (up == nodes) {
        return;
      }
      sleep(500);
    }
    throw new AssertionError(
        "fewer than " + nodes + " nodes up after " + timeout + ": " + session.getMetadata().getNodes().values());
  }

  private static Node find(CqlSession session, CassandraNode node) {
    return session.getMetadata().getNodes().values().stream()
        .filter(n -> Failures.address(n).startsWith(node.address() + ":"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the driver does not know " + node));
  }

  private static Map<String, float[]> vectors(Random random, String prefix, int count) {
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      float[] vector = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        vector[d] = (float) random.nextGaussian();
      }
      items.put(prefix + i, vector);
    }
    return items;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
