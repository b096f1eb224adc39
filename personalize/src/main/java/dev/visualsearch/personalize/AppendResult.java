package dev.visualsearch.personalize;

import java.util.List;

/**
 * What became of a batch given to {@link InteractionStore#append(List)}: how many events were
 * stored and which were rejected, with why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stored the number of events stored durably
 * @param rejected the events refused, in batch order
 */
public record AppendResult(int stored, List<Rejection> rejected) {

  /**
   * One refused event.
   *
   * @param index its position in the batch, from 0
   * @param event the event as given
   * @param reason why it was refused, naming the field
   */
  public record Rejection(int index, RawInteraction event, String reason) {}

  public AppendResult {
    rejected = List.copyOf(rejected);
  }

  /** True when every event of the batch was stored. */
  public boolean allStored() {
    return rejected.isEmpty();
  }
}
