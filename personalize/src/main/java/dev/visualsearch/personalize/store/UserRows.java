package dev.visualsearch.personalize.store;

import dev.visualsearch.personalize.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The SQL of users: a row in {@code users}, their categories and attributes in two more tables. */
final class UserRows {

  private UserRows() {}

  /** Stores {@code user} in place of what was there; call in a transaction. */
  static void put(Connection connection, User user) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        // DO UPDATE rather than DO NOTHING: it locks the user's row, so concurrent puts of one
        // user take turns instead of colliding on the category and attribute keys.
        "INSERT INTO users (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET id = excluded.id")) {
      insert.setString(1, user.id());
      insert.executeUpdate();
    }
    for (String table : List.of("user_categories", "user_attributes")) {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
        delete.setString(1, user.id());
        delete.executeUpdate();
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO user_categories (user_id, category) VALUES (?, ?)")) {
      for (String category : user.preferredCategories()) {
        insert.setString(1, user.id());
        insert.setString(2, category);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO user_attributes (user_id, name, value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> attribute : user.attributes().entrySet()) {
        insert.setString(1, user.id());
        insert.setString(2, attribute.getKey());
        insert.setString(3, attribute.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The users of id {@code id}, or all of them when it is null, ordered by id. Call at the start
   * of a transaction: the three queries then read one snapshot, so that a user stored meanwhile
   * is seen whole or not at all.
   */
  static List<User> read(Connection connection, Dialect dialect, String id)
      throws SQLException {
    dialect.beginSnapshot(connection);
    String where = id == null ? "" : " WHERE user_id = ?";
    // Ordered here rather than in SQL: PostgreSQL's order of text depends on the server's locale.
    Map<String, Set<String>> categories = new TreeMap<>();
    Map<String, Map<String, String>> attributes = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id FROM users" + (id == null ? "" : " WHERE id = ?"))) {
      bindOptional(select, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          categories.put(rows.getString(1), new TreeSet<>());
          attributes.put(rows.getString(1), new TreeMap<>());
        }
      }
    }
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT user_id, category FROM user_categories" + where)) {
      bindOptional(select, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          categories.get(rows.getString(1)).add(rows.getString(2));
        }
      }
    }
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT user_id, name, value FROM user_attributes" + where)) {
      bindOptional(select, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          attributes.get(rows.getString(1)).put(rows.getString(2), rows.getString(3));
        }
      }
    }
    List<User> users = new ArrayList<>(categories.size());
    categories.forEach((user, preferred) ->
        users.add(new User(user, preferred, attributes.get(user))));
    return users;
  }

  private static void bindOptional(PreparedStatement statement, String id) throws SQLException {
    if (id != null) {
      statement.setString(1, id);
    }
  }
}
