package dev.visualsearch.index.cassandra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The replication of the keyspace an index creates: {@link #simple(int) SimpleStrategy} with one
 * factor, or {@link #networkTopology(Map) NetworkTopologyStrategy} with a factor per datacenter.
 * Used only when the keyspace does not exist yet; an existing keyspace keeps its replication.
 *
 * <p>Immutable and thread-safe.
 */
public final class Replication {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final String cql;

  private Replication(String cql) {
    this.cql = cql;
  }

  /**
   * SimpleStrategy: {@code factor} copies of each row, placed around the ring without regard to
   * datacenters or racks.
   *
   * @throws IllegalArgumentException if {@code factor < 1}
   */
  public static Replication simple(int factor) {
    checkFactor(factor, "replication factor");
    return new Replication("{'class': 'SimpleStrategy', 'replication_factor': " + factor + "}");
  }

  /**
   * NetworkTopologyStrategy: in each named datacenter, the given number of copies.
   *
   * @throws IllegalArgumentException if the map is empty, a factor is below 1 or a name is not a
   *     plain datacenter name
   */
  public static Replication networkTopology(Map<String, Integer> factors) {
    Objects.requireNonNull(factors, "factors");
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("NetworkTopologyStrategy needs at least one datacenter");
    }
    StringBuilder cql = new StringBuilder("{'class': 'NetworkTopologyStrategy'");
    for (Map.Entry<String, Integer> entry : new LinkedHashMap<>(factors).entrySet()) {
      String datacenter = Objects.requireNonNull(entry.getKey(), "datacenter");
      if (!NAME.matcher(datacenter).matches()) {
        throw new IllegalArgumentException("not a datacenter name: '" + datacenter + "'");
      }
      checkFactor(entry.getValue(), "replication factor of " + datacenter);
      cql.append(", '").append(datacenter).append("': ").append(entry.getValue());
    }
    return new Replication(cql.append('}').toString());
  }

  /** The replication map as CQL, e.g. {@code {'class': 'SimpleStrategy', 'replication_factor': 3}}. */
  String cql() {
    return cql;
  }

  private static void checkFactor(Integer factor, String what) {
    if (factor == null || factor < 1) {
      throw new IllegalArgumentException(what + " must be at least 1: " + factor);
    }
  }

  @Override
  public String toString() {
    return cql;
  }
}
