package dev.visualsearch.personalize.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the binaries of Debian's
 * {@code postgresql} package: a fresh {@link PostgresCluster} in a temporary directory, on a free
 * port of 127.0.0.1, with {@code fsync} on so that the durability tests mean something. Stopped
 * after all tests and, as a fallback, by a shutdown hook.
 *
 * <p>Where PostgreSQL is not installed the tests that use it are skipped with a message saying how
 * to install it; where the environment variable {@code CI} is {@code true} they fail instead. The
 * binaries are looked for in system property {@code visualsearch.postgres.bindir}, then in the
 * newest {@code /usr/lib/postgresql/<version>/bin}, then where {@code pg_config --bindir} says.
 *
 * <p>Use with {@code @ExtendWith(PostgresServer.class)} and {@link #newDatabase()}.
 */
final class PostgresServer implements BeforeAllCallback, BeforeEachCallback {

  private static Path bin;
  private static PostgresCluster server;
  private static String unavailable;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (PostgresServer.class) {
      if (server == null && unavailable == null) {
        Optional<Path> found = findBinaries();
        if (found.isEmpty()) {
          unavailable = "PostgreSQL is not installed (no initdb, pg_ctl and postgres in "
              + System.getProperty("visualsearch.postgres.bindir",
                  "/usr/lib/postgresql/*/bin or pg_config --bindir")
              + "): install it with 'apt-get install postgresql' "
              + "or point -Dvisualsearch.postgres.bindir at its bin directory";
        } else {
          bin = found.get();
          server = PostgresCluster.create(bin);
          // After all tests of this JVM; the shutdown hook if that never happens.
          // (JUnit closes an AutoCloseable value of the root store after the last test.)
          context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
              .put(PostgresServer.class, server);
          Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
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

  /** The JDBC URL of a new, empty database on the server shared by the tests. */
  static String newDatabase() throws SQLException {
    return server.newDatabase();
  }

  /**
   * A server of its own, for a test that crashes it; the caller closes it. Only in tests that
   * this extension let run.
   */
  static PostgresCluster privateCluster() throws IOException, InterruptedException {
    return PostgresCluster.create(bin);
  }

  /** The database user of the tests; the server trusts it without a password. */
  static String user() {
    return PostgresCluster.USER;
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
}
