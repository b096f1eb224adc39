package dev.visualsearch.personalize.replay;

import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.LoggedSearch;
import dev.visualsearch.personalize.User;
import java.util.List;

/**
 * What {@link UserSimulator} produced: the users (with what they declared), their searches and
 * their interactions with the results, in time order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param users the simulated users, with the categories they declared (a subset of those they
 *     truly prefer)
 * @param queries the searches, oldest first
 * @param interactions the interactions, oldest first
 */
public record SimulatedLog(List<User> users, List<LoggedSearch> queries,
    List<Interaction> interactions) {

  public SimulatedLog {
    users = List.copyOf(users);
    queries = List.copyOf(queries);
    interactions = List.copyOf(interactions);
  }
}
