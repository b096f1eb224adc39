package dev.visualsearch.benchmarks.hnsw;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.index.cassandra.CassandraIndex;
import dev.visualsearch.index.cassandra.Replication;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.index.hnsw.HnswIndex;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Write throughput and query latency of the Cassandra index against the in-process HNSW index on
 * the same vectors, in one run: bulk writes (vectors per second), then single-threaded top-10
 * searches (latency p50, p99, mean) after a warm-up, and recall@10 against the exact flat index.
 * A documented harness, not JMH: a remote index's latency is dominated by the network and the
 * server, whose warm-up JMH cannot see. From the repository root, with Cassandra running (see the
 * README for starting test nodes):
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/visualsearch-benchmarks.jar \
 *     dev.visualsearch.benchmarks.hnsw.CassandraVsHnswMain --cassandra 127.0.0.1:19042 \
 *     [--dataset images:20000:1280] [--count 5000] [--queries 200] [--rf 1] \
 *     [--consistency LOCAL_QUORUM] [--concurrency 32]
 * </pre>
 *
 * <p>Data sets are those of {@link HnswPeersMain} (cached under {@code $TMPDIR/visualsearch-bench}
 * once generated); {@code --count} keeps the first N vectors. Each run writes a new table in
 * keyspace {@code bench}.
 */
public final class CassandraVsHnswMain {

  private static final int K = 10;

  private CassandraVsHnswMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = parse(args);
    String contactPoints = required(options, "cassandra");
    String spec = options.getOrDefault("dataset", "images:20000:1280");
    int rf = Integer.parseInt(options.getOrDefault("rf", "1"));
    int queryCount = Integer.parseInt(options.getOrDefault("queries", "200"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
    DefaultConsistencyLevel consistency =
        DefaultConsistencyLevel.valueOf(options.getOrDefault("consistency", "LOCAL_QUORUM"));

    BenchDataset data = BenchDataset.load(spec);
    int count = Integer.parseInt(options.getOrDefault("count", String.valueOf(data.vectors().length)));
    float[][] vectors = Arrays.copyOf(data.vectors(), Math.min(count, data.vectors().length));
    float[][] queries = Arrays.copyOf(data.queries(), Math.min(queryCount, data.queries().length));
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < vectors.length; i++) {
      items.put("v" + i, vectors[i]);
    }
    System.out.printf(
        Locale.ROOT,
        "Java %s, %d processors; %s: %d vectors of %d dimensions (%s), %d queries, top %d%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        spec,
        vectors.length,
        data.dimension(),
        data.metric(),
        queries.length,
        K);

    FlatIndex exact = FlatIndex.create(data.dimension(), data.metric());
    items.forEach(exact::add);

    HnswIndex hnsw = HnswIndex.builder(data.dimension(), data.metric()).build();
    Row hnswRow = measure("hnsw (in process)", hnsw, hnsw::addAll, items, queries, exact);

    String table = "v" + System.currentTimeMillis();
    try (CassandraIndex cassandra =
        CassandraIndex.builder(data.dimension(), data.metric())
            .contactPoints(contactPoints)
            .keyspace("bench")
            .table(table)
            .replication(Replication.simple(rf))
            .readConsistency(consistency)
            .writeConsistency(consistency)
            .maxConcurrentWrites(concurrency)
            .build()) {
      Row cassandraRow =
          measure(
              "cassandra rf=" + rf + " " + consistency + " [" + contactPoints + "]",
              cassandra,
              cassandra::addAll,
              items,
              queries,
              exact);
      System.out.println();
      System.out.printf(
          Locale.ROOT, "%-60s %12s %10s %10s %10s %10s%n",
          "index", "writes/s", "p50 ms", "p99 ms", "mean ms", "recall@10");
      for (Row row : List.of(hnswRow, cassandraRow)) {
        System.out.printf(
            Locale.ROOT, "%-60s %12.0f %10.3f %10.3f %10.3f %10.4f%n",
            row.name, row.writesPerSecond, row.p50, row.p99, row.mean, row.recall);
      }
      System.out.println("table: bench." + table);
    }
  }

  private record Row(String name, double writesPerSecond, double p50, double p99, double mean, double recall) {}

  private static Row measure(
      String name,
      VectorIndex index,
      Consumer<Map<String, float[]>> addAll,
      Map<String, float[]> items,
      float[][] queries,
      FlatIndex exact) {
    long start = System.nanoTime();
    addAll.accept(items);
    double writeSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%s: wrote %d vectors in %.2f s%n", name, items.size(), writeSeconds);

    int warmup = Math.min(queries.length, 50);
    for (int i = 0; i < warmup; i++) {
      index.search(queries[i], K);
    }
    double[] millis = new double[queries.length];
    long found = 0;
    long expected = 0;
    for (int i = 0; i < queries.length; i++) {
      long t = System.nanoTime();
      SearchResult result = index.search(queries[i], K);
      millis[i] = (System.nanoTime() - t) / 1e6;
      Set<String> returned = new HashSet<>(result.ids());
      for (String id : exact.search(queries[i], K).ids()) {
        expected++;
        if (returned.contains(id)) {
          found++;
        }
      }
    }
    Arrays.sort(millis);
    double mean = Arrays.stream(millis).average().orElse(Double.NaN);
    return new Row(
        name,
        items.size() / writeSeconds,
        percentile(millis, 0.50),
        percentile(millis, 0.99),
        mean,
        (double) found / expected);
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
