package dev.visualsearch.eval.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV records end at LF or CRLF only; paths in a CSV match files despite stray carriage returns. */
class CsvTest {

  @Test
  void aLoneCarriageReturnIsDataAndCrlfEndsTheRecord() throws IOException {
    List<List<String>> rows = CsvTable.parse("path,category\r\nbirds\r/robin.png,animals/birds\r\n", "mem");
    assertThat(rows).containsExactly(List.of("path", "category"), List.of("birds\r/robin.png", "animals/birds"));
  }

  @Test
  void quotesBomBlankLinesAndAMissingFinalNewline() throws IOException {
    List<List<String>> rows = CsvTable.parse("\uFEFFa,b\n\n\"x, \"\"y\"\"\",\"multi\nline\"\nlast,", "mem");
    assertThat(rows).containsExactly(List.of("a", "b"), List.of("x, \"y\"", "multi\nline"), List.of("last", ""));
    assertThatThrownBy(() -> CsvTable.parse("a,b\n\"open,b\n", "f.csv"))
        .isInstanceOf(IOException.class).hasMessage("f.csv line 2: a quoted field is not closed");
  }

  @Test
  void theSharedTuxpaintLabelsReadAs376PathsWithACarriageReturnInTheFolder() throws IOException {
    List<List<String>> rows = CsvTable.read(SharedData.data("tuxpaint/labels.csv"));
    assertThat(rows).hasSize(377);
    assertThat(rows.get(0)).containsExactly("path", "category");
    assertThat(rows.subList(1, rows.size())).allSatisfy(row -> {
      assertThat(row).hasSize(2);
      assertThat(row.get(0)).contains("\r/");
      assertThat(row.get(1)).doesNotContain("\r");
    });
  }

  @Test
  void csvPathsMatchWithOrWithoutTheStrayCharacters() {
    CsvPaths paths = new CsvPaths(Map.of(
        "birds\r/robin.png", Path.of("a"),
        "fish/cod.png", Path.of("b"),
        "x /y.png", Path.of("c"),
        "x/y.png", Path.of("d")));
    assertThat(paths.idOf("birds\r/robin.png")).contains("birds\r/robin.png");
    assertThat(paths.idOf("birds/robin.png")).contains("birds\r/robin.png");
    assertThat(paths.idOf("fish\r/cod.png")).contains("fish/cod.png");
    assertThat(paths.idOf("./fish\\cod.png")).contains("fish/cod.png");
    assertThat(paths.idOf("x/y.png")).contains("x/y.png");
    assertThat(paths.idOf("x\t/y.png")).isEmpty();
    assertThat(paths.whyMissing("x\t/y.png")).isEqualTo("ambiguous: matches 2 files");
    assertThat(paths.idOf("nope.png")).isEmpty();
    assertThat(paths.whyMissing("nope.png")).isEqualTo("no such image");
  }
}
