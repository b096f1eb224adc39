package dev.visualsearch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesInteractionLogTest {

  @TempDir Path dir;

  private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");

  @Test
  void appendedInteractionsAreReadBackPerUserInOrderAfterReopening() throws IOException {
    Path file = dir.resolve("sub/interactions.jsonl");
    try (JsonLinesInteractionLog log = JsonLinesInteractionLog.open(file)) {
      log.append(List.of(
          new Interaction("ann", "a.jpg", Interaction.Type.CLICK, 0, T),
          new Interaction("ben", "b.jpg", Interaction.Type.LIKE, 0, T)));
      log.append(List.of(new Interaction("ann", "c.jpg", Interaction.Type.DWELL, 2500, T)));
    }
    assertThat(Files.readAllLines(file)).hasSize(3)
        .first().isEqualTo("{\"user\":\"ann\",\"image\":\"a.jpg\",\"type\":\"click\","
            + "\"timestamp\":\"2026-03-04T05:06:07Z\"}");
    try (JsonLinesInteractionLog log = JsonLinesInteractionLog.open(file)) {
      log.append(List.of(new Interaction("ann", "d.jpg", Interaction.Type.SAVE, 0, T)));
      assertThat(log.forUser("ann", 10)).containsExactly(
          new Interaction("ann", "a.jpg", Interaction.Type.CLICK, 0, T),
          new Interaction("ann", "c.jpg", Interaction.Type.DWELL, 2500, T),
          new Interaction("ann", "d.jpg", Interaction.Type.SAVE, 0, T));
      assertThat(log.forUser("ann", 2)).extracting(Interaction::image).containsExactly("c.jpg", "d.jpg");
      assertThat(log.forUser("nobody", 10)).isEmpty();
      assertThatThrownBy(() -> log.forUser("ann", 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }
  }

  @Test
  void aLineTornByACrashIsSkippedAndLaterAppendsStillRead() throws IOException {
    Path file = dir.resolve("interactions.jsonl");
    try (JsonLinesInteractionLog log = JsonLinesInteractionLog.open(file)) {
      log.append(List.of(new Interaction("ann", "a.jpg", Interaction.Type.CLICK, 0, T)));
    }
    Files.writeString(file, "{\"user\":\"ann\",\"ima", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (JsonLinesInteractionLog log = JsonLinesInteractionLog.open(file)) {
      log.append(List.of(new Interaction("ann", "b.jpg", Interaction.Type.LIKE, 0, T)));
      assertThat(log.forUser("ann", 10)).extracting(Interaction::image).containsExactly("a.jpg", "b.jpg");
    }
  }

  @Test
  void invalidInteractionsAreRefusedWithTheRule() {
    assertThatThrownBy(() -> new Interaction("", "a.jpg", Interaction.Type.CLICK, 0, T))
        .hasMessageContaining("user must be 1 to 512 characters");
    assertThatThrownBy(() -> new Interaction("u", "a.jpg", Interaction.Type.DWELL, -1, T))
        .hasMessageContaining("dwellMs must be between 0 and");
    assertThatThrownBy(() -> Interaction.Type.fromJson("stare"))
        .hasMessageContaining("unknown interaction type 'stare'");
  }
}
