package dev.visualsearch.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example runs as written. */
class QuickStartTest {

  @TempDir Path dir;

  @Test
  void indexesSearchesAndSaves() throws Exception {
    Path out = dir.resolve("saved");
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(
          new String[] {
            SharedData.mobileNetV2Zoo().toString(),
            SharedData.data("pairs").toString(),
            SharedData.data("pairs/graf1.png").toString(),
            out.toString()
          });
    } finally {
      System.setOut(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    System.out.println(String.join("\n", lines));

    assertThat(lines.get(0)).isEqualTo("indexed 22 images, skipped 0");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).matches("1\\.000  graf1\\.png");
    assertThat(lines.get(2)).endsWith("graf3.png");
    assertThat(VisualSearch.describe(out).size()).isEqualTo(22);
  }
}
