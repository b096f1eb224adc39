package dev.visualsearch.index.cassandra;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts 1 to 3 empty test nodes (127.0.0.1, .2, .3; CQL port {@value CassandraNode#CQL_PORT})
 * the way the tests do, prints their contact points, and keeps them until this process ends
 * (Ctrl-C, or end of standard input); then kills them. For benchmarks and trying the CLI; see the
 * README for the command.
 */
final class TestNodesMain {

  private TestNodesMain() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    if (count < 1 || count > 3) {
      throw new IllegalArgumentException("node count must be 1, 2 or 3: " + count);
    }
    List<CassandraNode> nodes = new ArrayList<>();
    List<String> contactPoints = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      CassandraNode node = new CassandraNode("dev" + i, "127.0.0." + i, "127.0.0.1").wipe().start();
      nodes.add(node);
      contactPoints.add(node.contactPoint());
    }
    System.out.println("contact points: " + String.join(",", contactPoints));
    System.out.println("running until this process ends (Ctrl-C or end of input)");
    while (System.in.read() != -1) {
      // Wait for the end of input.
    }
    nodes.forEach(CassandraNode::kill);
  }
}
