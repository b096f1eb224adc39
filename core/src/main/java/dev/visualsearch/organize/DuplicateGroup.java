package dev.visualsearch.organize;

import java.util.List;
import java.util.Objects;

/**
 * Items that are copies of one another: byte-identical files, or images whose embeddings are
 * closer than the near-duplicate threshold (directly or through a chain of such pairs).
 *
 * <p>Immutable and thread-safe.
 *
 * @param keep the id of the item to keep, chosen by the {@link DuplicateOptions#keep keep policy}
 * @param ids all ids of the group, {@code keep} first, then the others in id order
 * @param exact whether every item of the group has the same file content (SHA-256)
 * @param lowestCosine the lowest cosine similarity of a pair that joined the group (1 for exact
 *     groups): how loose the group's weakest link is
 */
public record DuplicateGroup(String keep, List<String> ids, boolean exact, double lowestCosine) {

  /** Copies {@code ids}. */
  public DuplicateGroup {
    Objects.requireNonNull(keep, "keep");
    ids = List.copyOf(ids);
  }

  /** The ids a clean-up would remove: all but {@link #keep()}. */
  public List<String> redundant() {
    return ids.subList(1, ids.size());
  }

  /** The number of items. */
  public int size() {
    return ids.size();
  }
}
