package dev.visualsearch.serve;

import dev.visualsearch.personalize.AppendResult;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.RawInteraction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
   * or nothing), then renames the file to {@code <name>.imported} so it is not imported twice.
   *
   * @throws IOException if the file cannot be read or renamed, or the store written; the file is
   *     then left where it was
   */
  public static Result importInto(Path file, InteractionStore store) throws IOException {
    List<RawInteraction> events = new ArrayList<>();
    int skipped = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        List<InteractionJson.Parsed> parsed =
            InteractionJson.parse(line.getBytes(StandardCharsets.UTF_8), () -> Instant.EPOCH);
        if (parsed.size() == 1 && parsed.get(0).error() == null) {
          events.add(parsed.get(0).event());
        } else {
          skipped++;
        }
      } catch (IllegalArgumentException e) {
        skipped++;
      }
    }
    AppendResult result = store.append(events);
    Files.move(file, file.resolveSibling(file.getFileName() + ".imported"));
    return new Result(result.stored(), skipped + result.rejected().size());
  }
}
