package dev.visualsearch.personalize.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.personalize.InteractionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store contract on a real SQLite file, plus what is particular to SQLite. */
class SqliteInteractionStoreTest extends InteractionStoreContract {

  private Path file() {
    return temp.resolve("store").resolve("interactions.sqlite");
  }

  @Override
  InteractionStore open() throws IOException {
    return SqliteInteractionStore.open(file());
  }

  @Override
  Connection connect() throws SQLException {
    try {
      Files.createDirectories(file().getParent());
    } catch (IOException e) {
      throw new SQLException(e);
    }
    return SqliteInteractionStore.connect(file());
  }

  @Override
  Dialect dialect() {
    return Dialect.SQLITE;
  }

  @Override
  List<String> writerArguments() {
    return List.of("sqlite", file().toString());
  }

  @Override
  boolean indexExists(Connection connection, String index) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")) {
      select.setString(1, index);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  @Override
  boolean tableExists(Connection connection, String table) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      select.setString(1, table);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  @Override
  void poisonImage(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TRIGGER poison BEFORE INSERT ON interactions"
          + " WHEN NEW.image_id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
    }
  }

  @Override
  String storeName() {
    return file().toAbsolutePath().toString();
  }

  @Test
  void writesAheadAndSyncsFully() throws Exception {
    open().close();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
        assertThat(rows.getString(1)).isEqualTo("wal");
      }
      try (ResultSet rows = statement.executeQuery("PRAGMA synchronous")) {
        assertThat(rows.getInt(1)).isEqualTo(2); // FULL
      }
    }
  }

  @Test
  void namesTheFileWhenItIsNotADatabase() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "this is not an SQLite database, it is a text file of some length");
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessageContaining(file().toString());
  }
}
