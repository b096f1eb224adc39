package dev.visualsearch.index.cassandra;

import java.nio.file.Path;

/**
 * The {@code cassandra.yaml} of a test node: its own directories, its loopback address (every
 * node uses the same ports on its own address), the seed, few tokens, and small memtables, caches
 * and thread pools for a small machine. Storage-attached indexes (SAI) are enabled, as in every
 * Cassandra 5.0 build; {@code storage_compatibility_mode: NONE} is what a fresh 5.0 cluster uses.
 *
 * <p>Stateless and thread-safe.
 */
final class CassandraYaml {

  private CassandraYaml() {}

  static String forNode(Path directory, String address, String seed) {
    return String.join(
        "\n",
        "cluster_name: visualsearch-test",
        "num_tokens: 4",
        "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
        // The nodes start empty, so there is nothing to stream when one joins.
        "auto_bootstrap: false",
        "storage_compatibility_mode: NONE",
        "data_file_directories: [" + directory.resolve("data") + "]",
        "commitlog_directory: " + directory.resolve("commitlog"),
        "saved_caches_directory: " + directory.resolve("saved_caches"),
        "hints_directory: " + directory.resolve("hints"),
        "cdc_raw_directory: " + directory.resolve("cdc_raw"),
        // A write is acknowledged only once its commit log entry is synced: with the default
        // "periodic" mode, replay after kill -9 stops at the last periodic sync marker, and the
        // persistence test lost a delete acknowledged just before the kill.
        "commitlog_sync: batch",
        "commitlog_segment_size: 8MiB",
        "commitlog_total_space: 256MiB",
        "seed_provider:",
        "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
        "    parameters:",
        "      - seeds: \"" + seed + ":" + CassandraNode.STORAGE_PORT + "\"",
        "listen_address: " + address,
        "rpc_address: " + address,
        "storage_port: " + CassandraNode.STORAGE_PORT,
        "native_transport_port: " + CassandraNode.CQL_PORT,
        "start_native_transport: true",
        "endpoint_snitch: SimpleSnitch",
        // A coordinator that is a replica reads its own copy first (no latency-based choice), so
        // that a read at ONE through a given node shows what that node holds.
        "dynamic_snitch: false",
        // At most 16 + 32 threads apply mutations at once (the mutation stage, and request threads
        // that apply local writes directly): below the limit of jvector's per-thread pools, see
        // CassandraJvmOptions.
        "concurrent_reads: 16",
        "concurrent_writes: 16",
        "native_transport_max_threads: 32",
        "concurrent_counter_writes: 2",
        "concurrent_compactors: 1",
        "memtable_heap_space: 64MiB",
        "memtable_offheap_space: 64MiB",
        "key_cache_size: 8MiB",
        "counter_cache_size: 0MiB",
        "prepared_statements_cache_size: 8MiB",
        "disk_access_mode: mmap_index_only",
        // Three nodes and the tests share two cores: give replicas longer than the 2 s (write) and
        // 5 s (read) defaults before a coordinator gives up on them.
        "write_request_timeout: 5000ms",
        "read_request_timeout: 10000ms",
        "range_request_timeout: 10000ms",
        // Convict a killed node sooner than the default threshold 8 would on a loaded machine;
        // until then reads sent to it time out (the ring test's first search waited 20 s).
        "phi_convict_threshold: 5",
        "hinted_handoff_enabled: true",
        "max_hint_window: 3h",
        "")
        ;
  }
}
