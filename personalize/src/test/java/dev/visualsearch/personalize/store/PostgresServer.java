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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the binaries of Debian's
 * {@code postgresql} package: a fresh cluster in a temporary directory ({@code initdb -A trust}),
 * listening on a free port of 127.0.0.1, with {@code fsync} on so that the durability test means
 * something. Stopped ({@code pg_ctl stop -m fast}) after all tests and, as a fallback, by a
 * shutdown hook. As root, initdb and the server run as user {@code postgres} (they refuse root).
 *
 * <p>Where PostgreSQL is not installed the tests that use it are skipped with a message saying how
 * to install it; where the environment variable {@code CI} is {@code true} they fail instead. The
 * binaries are looked for in system property {@code visualsearch.postgres.bindir}, then in the
 * newest {@code /usr/lib/postgresql/<version>/bin}, then where {@code pg_config --bindir} says.
 *
 * <p>Use with {@code @ExtendWith(PostgresServer.class)} and {@link #newDatabase()}.
 */
final class PostgresServer implements BeforeAllCallback, BeforeEachCallback {

  private static final String USER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static Server server;
  private static String unavailable;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (PostgresServer.class) {
      if (server == null && unavailable == null) {
        Optional<Path> bin = findBinaries();
        if (bin.isEmpty()) {
          unavailable = "PostgreSQL is not installed (no initdb, pg_ctl and postgres in "
              + System.getProperty("visualsearch.postgres.bindir",
                  "/usr/lib/postgresql/*/bin or pg_config --bindir")
              + "): install it with 'apt-get install postgresql' "
              + "or point -Dvisualsearch.postgres.bindir at its bin directory";
        } else {
          server = Server.start(bin.get());
          // After all tests of this JVM; the shutdown hook if that never happens.
          // (JUnit closes an AutoCloseable value of the root store after the last test.)
          context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
              .put(PostgresServer.class, server);
          Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
        }
      }
      if (unavailable != null && "true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true and " + unavailable);
      }
    }
  }

  /** Skips each test, rather than the class, so that the skips are counted and say why. */
  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (PostgresServer.class) {
      if (unavailable != null) {
        Assumptions.abort(unavailable);
      }
    }
  }

  /** The JDBC URL of a new, empty database on the server. */
  static String newDatabase() throws SQLException {
    String name = "store_test_" + DATABASES.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(url("postgres"), USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  /** The database user of the tests; the server trusts it without a password. */
  static String user() {
    return USER;
  }

  private static String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server.port + "/" + database;
  }

  private static Optional<Path> findBinaries() throws IOException {
    String property = System.getProperty("visualsearch.postgres.bindir");
    if (property != null && !property.isBlank()) {
      return Optional.of(Path.of(property)).filter(PostgresServer::hasBinaries);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest = versions.map(version -> version.resolve("bin"))
            .filter(PostgresServer::hasBinaries)
            .max(Comparator.comparingInt(PostgresServer::majorVersion));
        if (newest.isPresent()) {
          return newest;
        }
      }
    }
    return pgConfigBindir().filter(PostgresServer::hasBinaries);
  }

  /** What {@code pg_config --bindir} says, where pg_config is on the PATH (other systems). */
  private static Optional<Path> pgConfigBindir() {
    try {
      Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true)
          .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return Optional.of(Path.of(out.strip()));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no pg_config
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean hasBinaries(Path bin) {
    return Stream.of("initdb", "pg_ctl", "postgres")
        .allMatch(name -> Files.isExecutable(bin.resolve(name)));
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A running cluster. */
  private static final class Server implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private boolean stopped;

    private Server(Path bin, Path dir, int port, boolean asPostgresUser) {
      this.bin = bin;
      this.dir = dir;
      this.port = port;
      this.asPostgresUser = asPostgresUser;
    }

    static Server start(Path bin) throws IOException, InterruptedException {
      boolean root = isRoot();
      Path dir = Files.createTempDirectory("visualsearch-postgres");
      Path data = dir.resolve("data");
      Path sockets = Files.createDirectories(dir.resolve("sockets"));
      if (root) {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName(USER);
        Files.setOwner(dir, postgres);
        Files.setOwner(sockets, postgres);
      }
      Server server = new Server(bin, dir, freePort(), root);
      // --no-sync only makes the set-up faster; the server itself runs with fsync on.
      server.run("initdb", "-D", data.toString(), "-A", "trust", "-U", USER, "-E", "UTF8",
          "--locale=C", "--no-sync");
      server.run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
          "-w", "-t", "60", "-o",
          "-h 127.0.0.1 -p " + server.port + " -k " + sockets + " -c fsync=on"
              + " -c synchronous_commit=on -c max_connections=60",
          "start");
      System.out.println("PostgreSQL " + bin + " started on 127.0.0.1:" + server.port
          + ", cluster in " + dir);
      return server;
    }

    @Override
    public void close() {
      stop();
    }

    synchronized void stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      try {
        run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        deleteRecursively(dir);
      } catch (IOException | InterruptedException e) {
        System.err.println("could not stop PostgreSQL in " + dir + ": " + e.getMessage());
      }
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
}
