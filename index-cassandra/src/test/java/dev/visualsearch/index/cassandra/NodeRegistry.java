package dev.visualsearch.index.cassandra;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every node a test JVM started and kills those still running when the JVM exits, so
 * that no Cassandra process outlives a test run, whatever way it ends.
 *
 * <p>Thread-safe.
 */
final class NodeRegistry {

  private static final Set<CassandraNode> NODES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> NODES.forEach(CassandraNode::kill), "kill-cassandra-test-nodes"));
  }

  private NodeRegistry() {}

  static void register(CassandraNode node) {
    NODES.add(node);
  }
}
