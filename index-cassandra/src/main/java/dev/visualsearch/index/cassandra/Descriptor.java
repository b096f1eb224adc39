package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.visualsearch.Metric;
import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.FormatInput;
import dev.visualsearch.store.FormatOutput;
import dev.visualsearch.vector.VectorChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link CassandraIndex#save} writes: not the vectors, which stay in the cluster, but where
 * they are, so that {@link CassandraIndex#open} can reconnect. A visualsearch format file (magic,
 * codec {@value #CODEC}, version, CRC32 footer), written atomically; all strings are UTF-8 with a
 * length prefix.
 *
 * <pre>
 * int    dimension
 * string metric                 (Metric name)
 * int    n, then n strings      contact points, host:port
 * string local datacenter
 * string keyspace
 * string table
 * string read consistency       (DefaultConsistencyLevel name)
 * string write consistency
 * long   request timeout, milliseconds
 * int    max concurrent writes
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class Descriptor {

  static final String CODEC = "visualsearch-cassandra-index";
  static final int VERSION = 1;
  private static final int MAX_STRING = 4096;

  private Descriptor() {}

  static void write(Path file, CassandraSettings settings) throws IOException {
    AtomicFile.write(
        file,
        stream -> {
          FormatOutput out = new FormatOutput(stream);
          out.writeHeader(CODEC, VERSION);
          out.writeInt(settings.dimension());
          out.writeString(settings.metric().name());
          out.writeInt(settings.contactPoints().size());
          for (String contactPoint : settings.contactPoints()) {
            out.writeString(contactPoint);
          }
          out.writeString(settings.localDatacenter());
          out.writeString(settings.keyspace());
          out.writeString(settings.table());
          out.writeString(settings.readConsistency().name());
          out.writeString(settings.writeConsistency().name());
          out.writeLong(settings.requestTimeout().toMillis());
          out.writeInt(settings.maxConcurrentWrites());
          out.writeFooter();
        });
  }

  /**
   * A builder configured as the saved index was, not creating the schema.
   *
   * @throws IOException naming the file and the reason if it is not a valid descriptor
   */
  static CassandraIndexBuilder read(Path file) throws IOException {
    try (FormatInput in = FormatInput.open(file, CODEC, VERSION, VERSION)) {
      int dimension = in.readInt();
      if (dimension < 1 || dimension > VectorChecks.MAX_DIMENSION) {
        throw in.corrupt("dimension " + dimension);
      }
      Metric metric = parse(in, Metric.class, in.readString(MAX_STRING), "metric");
      int count = in.readCount("contact points", 1024);
      List<String> contactPoints = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        contactPoints.add(in.readString(MAX_STRING));
      }
      String datacenter = in.readString(MAX_STRING);
      String keyspace = in.readString(MAX_STRING);
      String table = in.readString(MAX_STRING);
      DefaultConsistencyLevel read =
          parse(in, DefaultConsistencyLevel.class, in.readString(MAX_STRING), "read consistency");
      DefaultConsistencyLevel write =
          parse(in, DefaultConsistencyLevel.class, in.readString(MAX_STRING), "write consistency");
      long timeoutMillis = in.readLong();
      int maxConcurrentWrites = in.readInt();
      in.finish();
      CassandraIndexBuilder builder;
      try {
        builder =
            CassandraIndex.builder(dimension, metric)
                .contactPoints(contactPoints)
                .localDatacenter(datacenter)
                .keyspace(keyspace)
                .table(table)
                .readConsistency(read)
                .writeConsistency(write)
                .requestTimeout(Duration.ofMillis(timeoutMillis))
                .maxConcurrentWrites(maxConcurrentWrites)
                .createSchema(false);
      } catch (IllegalArgumentException e) {
        throw in.corrupt(e.getMessage());
      }
      return builder;
    }
  }

  private static <E extends Enum<E>> E parse(FormatInput in, Class<E> type, String name, String what)
      throws IOException {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw in.corrupt("unknown " + what + " '" + name + "'");
    }
  }
}
