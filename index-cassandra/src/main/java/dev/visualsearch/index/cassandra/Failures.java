package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import java.util.List;
import java.util.Map;

/**
 * Turns the driver's exceptions into {@link CassandraIndexException}s whose message says what the
 * index was doing, on which table and cluster, and why it failed, naming each node that was
 * tried and its error.
 *
 * <p>Stateless and thread-safe.
 */
final class Failures {

  private Failures() {}

  /**
   * The driver's exception {@code e} as a {@link CassandraIndexException}; any other exception
   * (a caller's filter that threw, a bug) unchanged.
   */
  static RuntimeException translate(RuntimeException e, String action, CassandraSettings settings) {
    if (!(e instanceof DriverException)) {
      return e;
    }
    String prefix = "cannot " + action + " (" + settings.where() + "): ";
    return new CassandraIndexException(prefix + reason(e), e);
  }

  private static String reason(Throwable e) {
    if (e instanceof AllNodesFailedException) {
      Map<Node, List<Throwable>> errors = ((AllNodesFailedException) e).getAllErrors();
      if (errors.isEmpty()) {
        return "no node could be reached (" + e.getMessage() + ")";
      }
      StringBuilder reason = new StringBuilder("no node answered:");
      errors.forEach(
          (node, nodeErrors) -> {
            reason.append(' ').append(address(node)).append(" → ");
            Throwable last = nodeErrors.get(nodeErrors.size() - 1);
            reason.append(last.getClass().getSimpleName()).append(": ").append(last.getMessage()).append(';');
          });
      return reason.toString();
    }
    if (e instanceof UnavailableException) {
      UnavailableException unavailable = (UnavailableException) e;
      return "too few replicas alive for consistency " + unavailable.getConsistencyLevel()
          + ": " + unavailable.getRequired() + " required, " + unavailable.getAlive()
          + " alive (coordinator " + address(unavailable.getCoordinator()) + ")";
    }
    if (e instanceof WriteFailureException || e instanceof ReadFailureException) {
      QueryConsistencyException failure = (QueryConsistencyException) e;
      return "replicas failed the request at consistency " + failure.getConsistencyLevel() + ": "
          + failure.getReceived() + " of " + failure.getBlockFor() + " succeeded (coordinator "
          + address(failure.getCoordinator()) + "; see its log): " + e.getMessage();
    }
    if (e instanceof QueryConsistencyException) {
      QueryConsistencyException timeout = (QueryConsistencyException) e;
      return "replicas did not answer in time at consistency " + timeout.getConsistencyLevel()
          + ": " + timeout.getReceived() + " of " + timeout.getBlockFor() + " answered (coordinator "
          + address(timeout.getCoordinator()) + ")";
    }
    if (e instanceof DriverTimeoutException) {
      return "no answer within the request timeout (" + e.getMessage() + ")";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** {@code host:port} of a node, without the driver's "/<unresolved>" decoration. */
  static String address(Node node) {
    if (node == null) {
      return "unknown node";
    }
    java.net.SocketAddress address = node.getEndPoint().resolve();
    if (address instanceof java.net.InetSocketAddress) {
      java.net.InetSocketAddress inet = (java.net.InetSocketAddress) address;
      return inet.getHostString() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
