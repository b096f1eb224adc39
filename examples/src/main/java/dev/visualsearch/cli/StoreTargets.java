package dev.visualsearch.cli;

import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.store.PostgresInteractionStore;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the interaction store an option names: a {@code jdbc:postgresql://} URL (password from
 * the environment variable {@value #PASSWORD_VARIABLE}, never the command line) or a SQLite file.
 */
final class StoreTargets {

  static final String PASSWORD_VARIABLE = "VISUALSEARCH_DB_PASSWORD";

  private StoreTargets() {}

  static InteractionStore open(String target, String user) throws IOException {
    if (target.startsWith("jdbc:")) {
      return PostgresInteractionStore.open(target, user, System.getenv(PASSWORD_VARIABLE));
    }
    return SqliteInteractionStore.open(Path.of(target));
  }
}
