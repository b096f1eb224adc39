package dev.visualsearch.serve;

import dev.visualsearch.personalize.AppendResult;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.RawInteraction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the JSON-lines interaction log that earlier versions of the server kept ({@code
 * interactions.jsonl}, one interaction per line) into an {@link InteractionStore}, so that
 * upgrading loses no recorded interaction. Stateless; thread-safe.
 */
public final class JsonLinesImport {

  /**
   * What an import did.
   *
   * @param imported interactions stored
   * @param skipped lines that were not interactions (a line torn by a crash, a hand edit), with
   *     rejected events
   */
  public record Result(int imported, int skipped) {}

  private JsonLinesImport() {}

  /**
   * Stores every interaction of {@code file} in {@code store} in one batch (one transaction: all
   * or nothing) and leaves the file renamed {@code <name>.imported}. It is first renamed {@code
   * <name>.importing}: a file of that name is never imported again (a crash after the store
   * committed would otherwise import it twice), and the call refuses to run while one exists.
   * Lines without a timestamp (the old server always wrote one) are skipped.
   *
   * @throws IOException if the file cannot be read or renamed, or the store written, or an
   *     earlier import was interrupted (a {@code .importing} file exists; the message says what
   *     to check)
   */
  public static Result importInto(Path file, InteractionStore store) throws IOException {
    Path importing = file.resolveSibling(file.getFileName() + ".importing");
    if (Files.exists(importing)) {
      throw new IOException(importing + " exists: an earlier import of " + file + " was"
          + " interrupted; if the store holds its interactions, rename it to "
          + file.getFileName() + ".imported, else back to " + file.getFileName());
    }
    Files.move(file, importing);
    List<RawInteraction> events = new ArrayList<>();
    int skipped = 0;
    for (String line : Files.readAllLines(importing, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        List<InteractionJson.Parsed> parsed =
            InteractionJson.parse(line.getBytes(StandardCharsets.UTF_8), () -> null);
        if (parsed.size() == 1 && parsed.get(0).error() == null
            && parsed.get(0).event().timestamp() != null) {
          events.add(parsed.get(0).event());
        } else {
          skipped++;
        }
      } catch (IllegalArgumentException e) {
        skipped++;
      }
    }
    AppendResult result = store.append(events);
    Files.move(importing, file.resolveSibling(file.getFileName() + ".imported"));
    return new Result(result.stored(), skipped + result.rejected().size());
  }
}
