package dev.visualsearch.personalize.store;

import dev.visualsearch.personalize.InteractionStore;
import java.nio.file.Path;

/**
 * The child process of the kill test: opens a store and appends batches until it is killed,
 * printing {@code ACK <batch>} after each append has returned; the batches are {@link
 * NumberedBatches}.
 *
 * <p>Arguments: {@code sqlite <file>} or {@code postgres <jdbc url> <user>}, then the batch size.
 */
final class StoreWriterMain {

  private StoreWriterMain() {}

  public static void main(String[] args) throws Exception {
    int batchSize = Integer.parseInt(args[args.length - 1]);
    try (InteractionStore store = args[0].equals("sqlite")
        ? SqliteInteractionStore.open(Path.of(args[1]))
        : PostgresInteractionStore.open(args[1], args[2], null)) {
      for (long batch = 0; ; batch++) {
        if (!store.append(NumberedBatches.batch(batch, batchSize)).allStored()) {
          throw new IllegalStateException("batch " + batch + " was not stored whole");
        }
        System.out.println("ACK " + batch);
        System.out.flush();
      }
    }
  }
}
