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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on a real PostgreSQL server (a fresh database per test). */
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
