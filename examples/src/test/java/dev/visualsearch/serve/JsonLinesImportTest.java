package dev.visualsearch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesImportTest {

  @TempDir Path dir;

  @Test
  void movesEveryReadableLineIntoTheStoreAndSetsTheFileAside() throws IOException {
    Path log = dir.resolve("interactions.jsonl");
    Files.writeString(log, """
        {"user":"ann","image":"a.jpg","type":"click","timestamp":"2026-01-01T00:00:00Z"}
        {"user":"ann","image":"b.jpg","type":"dwell","dwellMs":2500,"timestamp":"2026-01-01T00:00:01Z"}
        {"user":"ben","image":"a.jpg","type":"stare","timestamp":"2026-01-01T00:00:02Z"}

        {"user":"ben","image":"c.jpg","type":"like","timestamp":"2026-01-01T00:00:03Z"}
        {"user":"ben","image":"e.jpg","type":"click"}
        {"user":"ben","image":"d.jpg","ty""");
    try (SqliteInteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      JsonLinesImport.Result result = JsonLinesImport.importInto(log, store);
      assertThat(result).isEqualTo(new JsonLinesImport.Result(3, 3));
      assertThat(store.forUser("ann", 10)).extracting(Interaction::image, Interaction::dwellMillis)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("a.jpg", 0L),
              org.assertj.core.groups.Tuple.tuple("b.jpg", 2500L));
      assertThat(store.forUser("ben", 10)).extracting(Interaction::image).containsExactly("c.jpg");
    }
    assertThat(log).doesNotExist();
    assertThat(dir.resolve("interactions.jsonl.imported")).exists();
  }

  @Test
  void anInterruptedImportIsNotRepeated() throws IOException {
    Path log = dir.resolve("interactions.jsonl");
    Files.writeString(log, "{\"user\":\"ann\",\"image\":\"a.jpg\",\"type\":\"click\","
        + "\"timestamp\":\"2026-01-01T00:00:00Z\"}\n");
    Files.writeString(dir.resolve("interactions.jsonl.importing"), "");
    try (SqliteInteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonLinesImport.importInto(log, store))
          .isInstanceOf(IOException.class).hasMessageContaining("was interrupted");
      assertThat(store.size()).isZero();
    }
    assertThat(log).exists();
  }
}
