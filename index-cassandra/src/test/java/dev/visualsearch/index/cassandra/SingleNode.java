package dev.visualsearch.index.cassandra;

import dev.visualsearch.Metric;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension giving the test classes of one run a single real Cassandra node on
 * 127.0.0.1, started (empty) by the first class that needs it and stopped when the whole run
 * ends, not after each class, since starting a node costs seconds. The node is also killed by
 * {@link NodeRegistry}'s shutdown hook if the run ends abnormally.
 *
 * <p>Thread-safe.
 */
final class SingleNode implements BeforeAllCallback {

  private static final AtomicInteger TABLES = new AtomicInteger();
  private static CassandraNode node;

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (node == null) {
      node = new CassandraNode("single", "127.0.0.1", "127.0.0.1").wipe().start();
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .put("visualsearch-cassandra-single-node", (ExtensionContext.Store.CloseableResource) SingleNode::stopNode);
    }
  }

  private static synchronized void stopNode() {
    if (node != null) {
      node.stop();
      node = null;
    }
  }

  static synchronized CassandraNode node() {
    if (node == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(SingleNode.class)");
    }
    return node;
  }

  /** A builder on the shared node with a fresh table, so that tests do not see each other's rows. */
  static CassandraIndexBuilder builder(int dimension, Metric metric) {
    return CassandraIndex.builder(dimension, metric)
        .contactPoints(node().contactPoint())
        .keyspace("tests")
        .table(freshTable());
  }

  /** A table name no other test of this run uses. */
  static String freshTable() {
    return "t" + TABLES.incrementAndGet();
  }
}
