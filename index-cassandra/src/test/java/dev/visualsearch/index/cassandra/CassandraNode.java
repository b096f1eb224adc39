package dev.visualsearch.index.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real Apache Cassandra 5 node in its own JVM ({@code java} of this JVM's {@code java.home},
 * class path from cassandra-server's {@code target/cassandra.classpath}), listening on a loopback
 * address with its own directories under {@code target/cassandra-nodes/<name>}. Every node started
 * is also stopped by a JVM shutdown hook, so a failed or interrupted test run leaves no process
 * behind.
 *
 * <p>Not thread-safe: one test thread starts and stops a node.
 */
final class CassandraNode {

  /** The CQL port on every node's address (not 9042, so as not to meet a Cassandra of the host). */
  static final int CQL_PORT = 19042;
  static final int STORAGE_PORT = 17000;
  static final String DATACENTER = "datacenter1";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
  private static final String READY_LINE = "Starting listening for CQL clients";

  private final String name;
  private final String address;
  private final String seed;
  private final Path directory;
  private Process process;

  /**
   * @param address the node's loopback address, e.g. {@code 127.0.0.2}
   * @param seed the address of the ring's seed node
   */
  CassandraNode(String name, String address, String seed) {
    this.name = name;
    this.address = address;
    this.seed = seed;
    this.directory = workDirectory().resolve(name);
  }

  String address() {
    return address;
  }

  /** {@code address:port} of the CQL endpoint. */
  String contactPoint() {
    return address + ":" + CQL_PORT;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Deletes what an earlier run left in this node's directories, so that the node starts empty. */
  CassandraNode wipe() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is running; stop it before wiping its data");
    }
    deleteRecursively(directory);
    return this;
  }

  /**
   * Starts the node and waits until it accepts CQL clients.
   *
   * @throws IllegalStateException naming the node and the tail of its log if it dies or is not
   *     ready within the startup timeout
   */
  CassandraNode start() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is already running");
    }
    long started = System.nanoTime();
    try {
      Files.createDirectories(directory);
      Path yaml = directory.resolve("cassandra.yaml");
      Files.writeString(yaml, CassandraYaml.forNode(directory, address, seed), StandardCharsets.UTF_8);
      Path logback = directory.resolve("logback.xml");
      Files.writeString(logback, logbackConfig(), StandardCharsets.UTF_8);
      Files.deleteIfExists(systemLog());
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(CassandraJvmOptions.forNode(directory, yaml, logback));
      command.add("-cp");
      command.add(serverClassPath());
      command.add("org.apache.cassandra.service.CassandraDaemon");
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Cassandra node " + name, e);
    }
    NodeRegistry.register(this);
    awaitReady(started);
    return this;
  }

  private void awaitReady(long started) {
    long deadline = started + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Cassandra node " + name + " (" + address + ") exited with status "
                + process.exitValue() + " while starting; log tail:\n" + logTail(40));
      }
      if (logContains(READY_LINE)) {
        System.out.printf(
            "Cassandra node %s (%s) ready in %.1f s%n",
            name, address, (System.nanoTime() - started) / 1e9);
        return;
      }
      sleep(200);
    }
    kill();
    throw new IllegalStateException(
        "Cassandra node " + name + " (" + address + ") not ready after " + STARTUP_TIMEOUT
            + "; log tail:\n" + logTail(40));
  }

  /** Stops the node the way an operator would (SIGTERM, then waits up to 60 s; then SIGKILL). */
  void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    process = null;
  }

  /** Kills the node at once ({@code kill -9}): no flush, no goodbye to the ring. */
  void kill() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** The last {@code lines} lines of the node's log (and its stdout, where the JVM reports). */
  String logTail(int lines) {
    StringBuilder tail = new StringBuilder();
    for (Path log : new Path[] {systemLog(), directory.resolve("stdout.log")}) {
      try {
        if (Files.exists(log)) {
          List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
          tail.append("--- ").append(log).append('\n');
          for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
            tail.append(line).append('\n');
          }
        }
      } catch (IOException | UncheckedIOException e) {
        tail.append("(cannot read ").append(log).append(": ").append(e).append(")\n");
      }
    }
    return tail.toString();
  }

  @Override
  public String toString() {
    return "CassandraNode[" + name + " " + contactPoint() + (isRunning() ? ", running" : "") + "]";
  }

  private boolean logContains(String text) {
    try {
      return Files.exists(systemLog())
          && Files.readString(systemLog(), StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private Path systemLog() {
    return directory.resolve("system.log");
  }

  private String logbackConfig() {
    return "<configuration>\n"
        + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
        + "    <file>" + systemLog() + "</file>\n"
        + "    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>\n"
        + "  </appender>\n"
        + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
        + "</configuration>\n";
  }

  static Path workDirectory() {
    String configured = System.getProperty("visualsearch.cassandra.workdir");
    return configured != null
        ? Path.of(configured)
        : Path.of("target", "cassandra-nodes").toAbsolutePath();
  }

  private static String serverClassPath() {
    String file = System.getProperty("visualsearch.cassandra.classpath");
    Path path =
        file != null
            ? Path.of(file)
            : Path.of("..", "cassandra-server", "target", "cassandra.classpath");
    try {
      return Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no Cassandra class path at " + path.toAbsolutePath()
              + " (the cassandra-server module writes it; build with -am)", e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a Cassandra node", e);
    }
  }
}
