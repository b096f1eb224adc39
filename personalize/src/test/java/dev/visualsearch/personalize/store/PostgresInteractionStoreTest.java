package dev.visualsearch.personalize.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.personalize.InteractionStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store contract on a real PostgreSQL server (a fresh database per test), and what is
 * particular to PostgreSQL: a server crash loses no acknowledged event.
 */
@ExtendWith(PostgresServer.class)
class PostgresInteractionStoreTest extends InteractionStoreContract {

  private String url;

  @BeforeEach
  void createDatabase() throws SQLException {
    url = PostgresServer.newDatabase();
  }

  @Override
  InteractionStore open() throws IOException {
    return PostgresInteractionStore.open(url, PostgresServer.user(), null);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, PostgresServer.user(), null);
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Override
  List<String> writerArguments() {
    return List.of("postgres", url, PostgresServer.user());
  }

  @Override
  boolean indexExists(Connection connection, String index) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM pg_indexes WHERE indexname = ?")) {
      select.setString(1, index);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  @Override
  boolean tableExists(Connection connection, String table) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM pg_tables WHERE tablename = ?")) {
      select.setString(1, table);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  @Override
  void poisonImage(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN IF NEW.image_id = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF;"
          + " RETURN NEW; END $$");
      statement.execute("CREATE TRIGGER poison BEFORE INSERT ON interactions"
          + " FOR EACH ROW EXECUTE FUNCTION poison()");
    }
  }

  @Override
  String storeName() {
    return url;
  }

  @Test
  void losesNoAcknowledgedEventWhenTheServerCrashes() throws Exception {
    int batchSize = 50;
    long seed = System.nanoTime();
    int delayMillis = new Random(seed).nextInt(40);
    try (PostgresCluster cluster = PostgresServer.privateCluster()) {
      String database = cluster.newDatabase();
      AtomicLong acked = new AtomicLong(-1);
      AtomicReference<Exception> stoppedBy = new AtomicReference<>();
      CountDownLatch twentyAcked = new CountDownLatch(1);
      Thread writer = new Thread(() -> {
        try (InteractionStore store =
            PostgresInteractionStore.open(database, PostgresServer.user(), null)) {
          for (long batch = 0; ; batch++) {
            store.append(NumberedBatches.batch(batch, batchSize));
            acked.set(batch);
            if (batch == 19) {
              twentyAcked.countDown();
            }
          }
        } catch (IOException | RuntimeException e) {
          stoppedBy.set(e); // expected once the server is gone
        } finally {
          twentyAcked.countDown();
        }
      }, "crash-test-writer");
      writer.start();
      assertThat(twentyAcked.await(120, TimeUnit.SECONDS)).isTrue();
      assertThat(stoppedBy.get()).as("the writer failed before the crash").isNull();
      Thread.sleep(delayMillis);
      cluster.crash(); // pg_ctl stop -m immediate: no checkpoint, recovery from the WAL
      writer.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(writer.isAlive()).isFalse();
      assertThat(stoppedBy.get()).isInstanceOf(IOException.class);

      cluster.start();
      long ackedBatches = acked.get() + 1;
      try (InteractionStore store =
          PostgresInteractionStore.open(database, PostgresServer.user(), null)) {
        long found = NumberedBatches.assertStored(store, ackedBatches, batchSize);
        System.out.printf("server crash test (seed %d, crashed %d ms after batch 19): %d batches"
            + " (%d events) acknowledged, %d events found after recovery%n",
            seed, delayMillis, ackedBatches, ackedBatches * batchSize, found);
      }
    }
  }

  @Test
  void commitsSynchronouslyOnAServerThatSyncs() throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SHOW fsync")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("on");
      }
    }
  }

  @Test
  void namesTheUrlWithoutThePasswordWhenTheServerCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing?password=secret";
    assertThatThrownBy(() -> PostgresInteractionStore.open(unreachable, "u", null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort + "/nothing?password=***")
        .hasMessageNotContaining("secret")
        .hasMessageContaining("migrate the schema");
  }

  @Test
  void refusesAUrlOfAnotherDatabase() {
    assertThatThrownBy(() -> PostgresInteractionStore.open("jdbc:mysql://x/y", "u", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:mysql://x/y");
  }
}
