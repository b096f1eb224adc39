package dev.visualsearch.serve;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where the server records what users do with results. Kept to two methods so that an
 * interaction store with re-ranking can replace the file-backed {@link JsonLinesInteractionLog}.
 *
 * <p>Implementations must be thread-safe: the server's request threads append and read
 * concurrently.
 */
public interface InteractionLog extends Closeable {

  /**
   * Records {@code batch} durably: when this returns, the interactions survive a crash of the
   * process (and, where the implementation says so, of the machine).
   *
   * @throws IOException if they cannot be recorded; then none or only some of them may be
   */
  void append(List<Interaction> batch) throws IOException;

  /**
   * The latest interactions of {@code user}, at most {@code limit}, oldest first.
   *
   * @throws IOException if the record cannot be read
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  List<Interaction> forUser(String user, int limit) throws IOException;
}
