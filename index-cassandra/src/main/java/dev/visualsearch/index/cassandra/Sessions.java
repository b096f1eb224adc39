package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the driver session of an index: its contact points, local datacenter and timeouts, with
 * the driver's reference configuration for everything else (default retry policy, reconnection
 * with exponential backoff).
 *
 * <p>Stateless and thread-safe.
 */
final class Sessions {

  private Sessions() {}

  /** @throws CassandraIndexException naming the contact points if none of them answers */
  static CqlSession open(CassandraSettings settings) {
    Duration timeout = settings.requestTimeout();
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
            // Schema changes (CREATE ... IF NOT EXISTS) wait until every live node agrees.
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, timeout.multipliedBy(3))
            // Retry of a down node: quick at first, never slower than every 10 s.
            .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
            .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(10))
            // close() returns once the connections are closed, instead of waiting the 2 s "quiet
            // period" of Netty's event loops for tasks that a closed session never submits.
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
            .build();
    try {
      return CqlSession.builder()
          .withConfigLoader(config)
          .addContactPoints(addresses(settings.contactPoints()))
          .withLocalDatacenter(settings.localDatacenter())
          .build();
    } catch (DriverException e) {
      throw Failures.translate(e, "connect", settings);
    }
  }

  private static List<InetSocketAddress> addresses(List<String> contactPoints) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String hostPort : contactPoints) {
      int colon = hostPort.lastIndexOf(':');
      addresses.add(
          InetSocketAddress.createUnresolved(
              hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
    }
    return addresses;
  }
}
