package dev.visualsearch.index.cassandra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of a test node: the module exports and opens of Cassandra 5.0's {@code
 * conf/jvm17-server.options} (without them Cassandra fails on Java 17), a small heap, and the
 * system properties that make a node start in seconds instead of a minute.
 *
 * <p>Stateless and thread-safe.
 */
final class CassandraJvmOptions {

  private static final String[] EXPORTS = {
    "java.base/jdk.internal.misc",
    "java.management.rmi/com.sun.jmx.remote.internal.rmi",
    "java.rmi/sun.rmi.registry",
    "java.rmi/sun.rmi.server",
    "java.sql/java.sql",
    "java.base/java.lang.ref",
    "jdk.unsupported/sun.misc",
    "jdk.compiler/com.sun.tools.javac.file",
    "jdk.attach/sun.tools.attach",
  };

  private static final String[] OPENS = {
    "java.base/java.lang.module",
    "java.base/jdk.internal.loader",
    "java.base/jdk.internal.ref",
    "java.base/jdk.internal.reflect",
    "java.base/jdk.internal.math",
    "java.base/jdk.internal.module",
    "java.base/jdk.internal.util.jar",
    "jdk.management/com.sun.management.internal",
    "java.base/sun.nio.ch",
    "java.base/java.io",
    "java.base/java.lang.reflect",
    "jdk.compiler/com.sun.tools.javac",
    "java.base/java.lang",
    "java.base/java.util",
  };

  private CassandraJvmOptions() {}

  static List<String> forNode(Path directory, Path yaml, Path logback) {
    List<String> options = new ArrayList<>();
    // 640 MiB heap: enough for SAI vector indexes of a few thousand 1280-d vectors, small enough
    // that three nodes and the test JVM fit a 2-core, 24 GiB machine with room to spare.
    options.add("-Xms640m");
    options.add("-Xmx640m");
    options.add("-XX:MaxDirectMemorySize=512m");
    options.add("-XX:+UseSerialGC");
    options.add("-Xss512k");
    options.add("-XX:+ExitOnOutOfMemoryError");
    // Cassandra 5.0's vector index (jvector 1.0.2) pools scratch objects per thread and refuses
    // more than availableProcessors() + 1 threads at once: on a 2-core machine a burst of vector
    // writes failed with "Number of outstanding pooled objects has gone beyond the limit of 3".
    // Claiming 48 processors lifts the limit above the threads that apply mutations (see
    // CassandraYaml); production nodes on small machines need the same (see the README).
    options.add("-XX:ActiveProcessorCount=48");
    options.add("-XX:CICompilerCount=2");
    options.add("-XX:ParallelGCThreads=1");
    options.add("-Djdk.attach.allowAttachSelf=true");
    for (String export : EXPORTS) {
      options.add("--add-exports");
      options.add(export + "=ALL-UNNAMED");
    }
    for (String open : OPENS) {
      options.add("--add-opens");
      options.add(open + "=ALL-UNNAMED");
    }
    options.add("-Dio.netty.tryReflectionSetAccessible=true");
    options.add("-Dcassandra.config=" + yaml.toUri());
    options.add("-Dlogback.configurationFile=" + logback);
    options.add("-Dcassandra-foreground=yes");
    options.add("-Dcassandra.storagedir=" + directory);
    // A test ring is formed of empty nodes on one machine: no need to wait for gossip to settle or
    // for a long ring delay before joining.
    options.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    options.add("-Dcassandra.ring_delay_ms=1000");
    options.add("-Dcassandra.superuser_setup_delay_ms=0");
    return options;
  }
}
