package dev.visualsearch.cli;

import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.store.PostgresInteractionStore;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --interactions FILE|JDBC-URL [--interactions-user USER]}: the interaction store a command
 * reads or writes. A {@code jdbc:postgresql://} URL names a PostgreSQL database (its password comes
 * from the environment variable {@value #PASSWORD_VARIABLE}, never the command line); anything
 * else is a SQLite file.
 */
final class StoreOptions {

  static final String PASSWORD_VARIABLE = "VISUALSEARCH_DB_PASSWORD";

  @Option(names = "--interactions", paramLabel = "FILE|JDBC-URL",
      description = "The interaction store: a SQLite file, or a PostgreSQL database as"
          + " jdbc:postgresql://host:port/db (password from the environment variable "
          + PASSWORD_VARIABLE + ").")
  String target;

  @Option(names = "--interactions-user", paramLabel = "USER",
      description = "The PostgreSQL user (default: the server's default).")
  String user;

  /** Whether {@code --interactions} was given. */
  boolean given() {
    return target != null;
  }

  /** Opens the store {@code --interactions} names; it must have been given. */
  InteractionStore open() throws IOException {
    if (target.startsWith("jdbc:")) {
      return PostgresInteractionStore.open(target, user, System.getenv(PASSWORD_VARIABLE));
    }
    return SqliteInteractionStore.open(Path.of(target));
  }

  /** Opens the store {@code --interactions} names, else the SQLite file {@code byDefault}. */
  InteractionStore openOr(Path byDefault) throws IOException {
    return given() ? open() : SqliteInteractionStore.open(byDefault);
  }

  @Override
  public String toString() {
    return target;
  }
}
