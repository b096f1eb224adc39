package dev.visualsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFormatTest {

  @TempDir Path dir;

  private static final SourceFile FACTS =
      new SourceFile("ab".repeat(32), 1234, Instant.ofEpochMilli(1_700_000_000_123L), 640, 480);

  @Test
  void entriesComeBackAsSaved() throws IOException {
    Catalog catalog = new Catalog();
    catalog.put(new CatalogEntry("a/b.jpg", "/photos/a/b.jpg", FACTS, Map.of("sku", "X-1")));
    catalog.put(new CatalogEntry("from-stream", "upload.png", Map.of()));
    catalog.put(new CatalogEntry("vector\r", null, Map.of("k", "")));
    Path file = dir.resolve("catalog.vsc");
    catalog.save(file);

    Catalog read = Catalog.read(file);
    assertThat(read.entries()).containsExactlyInAnyOrderElementsOf(catalog.entries());
    assertThat(read.get("a/b.jpg").orElseThrow().sourceFile()).contains(FACTS);
  }

  @Test
  void versionOneFilesAreStillRead() throws IOException {
    // The version 1 layout: no source-file byte and facts.
    Path file = dir.resolve("v1.vsc");
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader("Catalog", 1);
          output.writeInt(1);
          output.writeString("old.jpg");
          output.writeByte(1);
          output.writeString("/photos/old.jpg");
          output.writeInt(1);
          output.writeString("colour");
          output.writeString("red");
          output.writeFooter();
        });

    Catalog read = Catalog.read(file);
    assertThat(read.get("old.jpg"))
        .contains(new CatalogEntry("old.jpg", "/photos/old.jpg", Map.of("colour", "red")));
  }

  @Test
  void anIdTwiceIsCorruption() throws IOException {
    Path file = dir.resolve("twice.vsc");
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader("Catalog", 2);
          output.writeInt(2);
          for (int i = 0; i < 2; i++) {
            output.writeString("same");
            output.writeByte(0);
            output.writeString("");
            output.writeByte(0);
            output.writeInt(0);
          }
          output.writeFooter();
        });
    assertThatThrownBy(() -> Catalog.read(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("id 'same' appears twice");
  }
}
