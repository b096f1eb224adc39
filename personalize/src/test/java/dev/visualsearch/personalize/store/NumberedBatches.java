package dev.visualsearch.personalize.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.RawInteraction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batches of the durability tests: event {@code i} of batch {@code b} is on image {@code b:i},
 * so that a test can tell which acknowledged events survived a crash.
 */
final class NumberedBatches {

  private NumberedBatches() {}

  /** Batch number {@code batch} of {@code size} clicks. */
  static List<RawInteraction> batch(long batch, int size) {
    List<RawInteraction> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      events.add(new RawInteraction("writer", batch + ":" + i, "click", null,
          Instant.ofEpochMilli(1_700_000_000_000L + batch * size + i), "q" + batch));
    }
    return events;
  }

  /**
   * Checks that {@code store} holds every event of batches 0 to {@code ackedBatches - 1}, and no
   * batch in part (a batch is one transaction).
   *
   * @return the number of events the store holds
   */
  static long assertStored(InteractionStore store, long ackedBatches, int size)
      throws IOException {
    Map<Long, Integer> perBatch = new HashMap<>();
    Set<String> images = new HashSet<>();
    store.scan(Instant.MIN, Instant.MAX, event -> {
      images.add(event.image());
      perBatch.merge(Long.parseLong(event.image().split(":")[0]), 1, Integer::sum);
    });
    long found = store.size();
    assertThat(found).isGreaterThanOrEqualTo(ackedBatches * size);
    for (long batch = 0; batch < ackedBatches; batch++) {
      for (int i = 0; i < size; i++) {
        assertThat(images).contains(batch + ":" + i);
      }
    }
    assertThat(perBatch.values()).containsOnly(size);
    return found;
  }
}
