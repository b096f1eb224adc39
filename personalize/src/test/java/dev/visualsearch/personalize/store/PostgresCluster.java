package dev.visualsearch.personalize.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the tests in a temporary directory: created with {@code initdb -A trust}
 * (user {@value #USER}, no password), served on a free port of 127.0.0.1 with {@code fsync} and
 * {@code synchronous_commit} on. As root, the programs run as user {@value #USER} (initdb and
 * postgres refuse root), which then owns the directory. {@link #close()} stops the server and
 * deletes the directory.
 *
 * <p>Thread-safe.
 */
final class PostgresCluster implements AutoCloseable {

  /** The superuser of the cluster, also the OS user the server runs as under root. */
  static final String USER = "postgres";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;
  private final AtomicInteger databases = new AtomicInteger();
  private boolean closed;

  private PostgresCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** A new cluster from the programs in {@code bin}, started. */
  static PostgresCluster create(Path bin) throws IOException, InterruptedException {
    boolean root = isRoot();
    Path dir = Files.createTempDirectory("visualsearch-postgres");
    Path sockets = Files.createDirectories(dir.resolve("sockets"));
    if (root) {
      UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(USER);
      Files.setOwner(dir, postgres);
      Files.setOwner(sockets, postgres);
    }
    PostgresCluster cluster = new PostgresCluster(bin, dir, freePort(), root);
    try {
      // --no-sync only makes the set-up faster; the server itself runs with fsync on.
      cluster.run("initdb", "-D", cluster.data(), "-A", "trust", "-U", USER, "-E", "UTF8",
          "--locale=C", "--no-sync");
      cluster.start();
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteRecursively(dir);
      throw e;
    }
    System.out.println("PostgreSQL " + bin + " started on 127.0.0.1:" + cluster.port
        + ", cluster in " + dir);
    return cluster;
  }

  /** Starts the server and waits until it accepts connections. */
  synchronized void start() throws IOException, InterruptedException {
    run("pg_ctl", "-D", data(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-h 127.0.0.1 -p " + port + " -k " + dir.resolve("sockets")
            + " -c fsync=on -c synchronous_commit=on -c max_connections=60",
        "start");
  }

  /**
   * Stops the server as a crash would: {@code pg_ctl stop -m immediate} kills it without a
   * checkpoint, so the next {@link #start()} recovers from the write-ahead log.
   */
  synchronized void crash() throws IOException, InterruptedException {
    run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
  }

  /** The JDBC URL of a new, empty database. */
  String newDatabase() throws SQLException {
    String name = "store_test_" + databases.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(url("postgres"), USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Stops the server ({@code pg_ctl stop -m fast}) and deletes the cluster. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
        run("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
      }
      deleteRecursively(dir);
    } catch (IOException | InterruptedException e) {
      System.err.println("could not stop PostgreSQL in " + dir + ": " + e.getMessage());
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void run(String program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("visualsearch-postgres-" + program, ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed with exit code "
            + process.exitValue() + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
