package dev.visualsearch.organize;

import java.util.List;
import java.util.Objects;

/**
 * One cluster of a collection: its members' ids and the id of its representative, the member
 * nearest the cluster's centre.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index the cluster's number: 0 is the largest
 * @param representative the id of the member nearest the centre
 * @param members the ids of the members, in id order
 */
public record ImageCluster(int index, String representative, List<String> members) {

  /** Copies {@code members}. */
  public ImageCluster {
    Objects.requireNonNull(representative, "representative");
    members = List.copyOf(members);
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }
}
