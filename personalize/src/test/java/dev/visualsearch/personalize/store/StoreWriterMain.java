package dev.visualsearch.personalize.store;

import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.RawInteraction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of the kill test: opens a store and appends batches until it is killed,
 * printing {@code ACK <batch>} after each append has returned. Event {@code i} of batch {@code b}
 * is on image {@code b:i}, so the test can tell which acknowledged events survived.
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
        List<RawInteraction> events = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
          events.add(new RawInteraction("writer", batch + ":" + i, "click", null,
              Instant.ofEpochMilli(1_700_000_000_000L + batch * batchSize + i), "q" + batch));
        }
        if (!store.append(events).allStored()) {
          throw new IllegalStateException("batch " + batch + " was not stored whole");
        }
        System.out.println("ACK " + batch);
        System.out.flush();
      }
    }
  }
}
