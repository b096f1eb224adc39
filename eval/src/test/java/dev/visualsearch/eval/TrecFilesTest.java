package dev.visualsearch.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Hit;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TREC qrels and run files: the exact text written, reading back, and malformed input. */
class TrecFilesTest {

  @TempDir Path dir;

  @Test
  void qrelsAreWrittenAsQidIterDocidRelAndReadBackEqual() throws IOException {
    Qrels qrels =
        Qrels.builder().add("q1", "a.png", 1).add("q1", "b.png", 0).add("q2", "c d.png", 2).build();
    StringWriter text = new StringWriter();
    TrecQrels.write(qrels, text);
    assertThat(text.toString()).isEqualTo("q1 0 a.png 1\nq1 0 b.png 0\nq2 0 c%20d.png 2\n");

    Path file = dir.resolve("qrels.txt");
    TrecQrels.write(qrels, file);
    assertThat(TrecQrels.read(file)).isEqualTo(qrels);
  }

  @Test
  void qrelsAcceptTabsCrlfAndBlankLines() throws IOException {
    Qrels qrels = TrecQrels.read(new StringReader("q1\t0\ta\t1\r\n\r\n  q1 7 b -1\r\n"), "mem");
    assertThat(qrels.judgements("q1")).containsExactly(Map.entry("a", 1), Map.entry("b", -1));
    assertThat(qrels.relevant("q1")).containsExactly("a");
  }

  @Test
  void malformedQrelsNameTheLine() {
    assertThatThrownBy(() -> TrecQrels.read(new StringReader("q1 0 a 1\nq1 0 b\n"), "bad.qrels"))
        .isInstanceOf(TrecFormatException.class)
        .hasMessageStartingWith("bad.qrels line 2: expected 4 fields")
        .satisfies(e -> assertThat(((TrecFormatException) e).line()).isEqualTo(2));
    assertThatThrownBy(() -> TrecQrels.read(new StringReader("q1 0 a yes\n"), "bad.qrels"))
        .hasMessage("bad.qrels line 1: relevance is not an integer: 'yes'");
    assertThatThrownBy(() -> TrecQrels.read(new StringReader("q1 0 a 1\nq1 0 a 2\n"), "bad.qrels"))
        .hasMessage("bad.qrels line 2: query 'q1' judges id 'a' twice: grades 1 and 2");
    assertThatThrownBy(() -> TrecQrels.read(new StringReader("q1 0 a%2 1\n"), "bad.qrels"))
        .hasMessageContaining("line 1").hasMessageContaining("two hex digits");
  }

  @Test
  void runsAreWrittenWithRanksExactScoresAndTheTag() throws IOException {
    Run run =
        Run.builder()
            .add("birds\r/robin.png", List.of(new Hit("birds\r/robin~aug1.png", 0.98765432f), new Hit("x", 1e-7f)))
            .add("q2", List.of())
            .add("q3", List.of(new Hit("y", -12.5f)))
            .build();
    StringWriter text = new StringWriter();
    TrecRun.write(run, "flat", text);
    assertThat(text.toString())
        .isEqualTo(
            "birds%0D/robin.png Q0 birds%0D/robin~aug1.png 1 0.9876543 flat\n"
                + "birds%0D/robin.png Q0 x 2 0.0000001 flat\n"
                + "q3 Q0 y 1 -12.5 flat\n");
  }

  @Test
  void aRunWithDecreasingScoresReadsBackInItsOwnOrder() throws IOException {
    Run run =
        Run.builder()
            .add("q1", List.of(new Hit("a", 0.9f), new Hit("c", 0.8999999f), new Hit("b", -1f)))
            .add("q 2", List.of(new Hit("z", 3f)))
            .build();
    Path file = dir.resolve("run.txt");
    TrecRun.write(run, "t", file);
    Run read = TrecRun.read(file);
    assertThat(read.ranking("q1")).containsExactly("a", "c", "b");
    assertThat(read.ranking("q 2")).containsExactly("z");
    assertThat(read).isEqualTo(run);
  }

  @Test
  void readingOrdersByScoreThenDocidDescendingLikeTrecEvalIgnoringTheRankColumn() throws IOException {
    String text =
        "q1 Q0 low 1 0.1 t\n"
            + "q1 Q0 high 2 0.9 t\n"
            + "q1 Q0 tieA 3 0.5 t\n"
            + "q1 Q0 tieB 4 0.5 t\n";
    Run run = TrecRun.read(new StringReader(text), "mem");
    assertThat(run.ranking("q1")).containsExactly("high", "tieB", "tieA", "low");
  }

  @Test
  void onlyExactTiesMoveIntoTrecEvalOrder() {
    List<Hit> hits = List.of(new Hit("a", 0.9f), new Hit("b", 0.5f), new Hit("c", 0.5f), new Hit("a b", 0.5f), new Hit("z", 0.1f));
    assertThat(TrecRun.inTrecEvalOrder(hits)).extracting(Hit::id).containsExactly("a", "c", "b", "a b", "z");
  }

  @Test
  void malformedRunsNameTheLine() {
    assertThatThrownBy(() -> TrecRun.read(new StringReader("q1 Q0 a 1 0.5\n"), "r"))
        .isInstanceOf(TrecFormatException.class).hasMessageStartingWith("r line 1: expected 6 fields");
    assertThatThrownBy(() -> TrecRun.read(new StringReader("q1 Q0 a one 0.5 t\n"), "r"))
        .hasMessage("r line 1: rank is not an integer: 'one'");
    assertThatThrownBy(() -> TrecRun.read(new StringReader("q1 Q0 a 1 NaN t\n"), "r"))
        .hasMessage("r line 1: score is not a finite number: 'NaN'");
    assertThatThrownBy(() -> TrecRun.read(new StringReader("q1 Q0 a 1 1 t\nq1 Q0 a 2 0 t\n"), "r"))
        .hasMessage("r line 2: query 'q1' lists id 'a' twice");
  }

  @Test
  void badTagsAndInfiniteScoresAreRefused() {
    Run run = Run.builder().add("q", List.of(new Hit("a", Float.POSITIVE_INFINITY))).build();
    assertThatThrownBy(() -> TrecRun.write(run, "my run", new StringWriter()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'my run'");
    assertThatThrownBy(() -> TrecRun.write(run, "t", new StringWriter()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("score of hit 'a' is infinite: Infinity");
  }

  @Test
  void idsWithWhitespaceControlCharactersAndPercentRoundTrip() {
    for (String id : List.of("plain/a.png", "a b", "tab\there", "cr\r/x", "100%.png", "é ü", "\u00a0nbsp", "emoji 😀.png", "%41")) {
      String token = TrecIds.encode(id);
      assertThat(token).as(id).doesNotContainPattern("\\s").isNotEmpty();
      assertThat(TrecIds.decode(token)).isEqualTo(id);
    }
    assertThat(TrecIds.encode("100%.png")).isEqualTo("100%25.png");
    assertThat(TrecIds.encode("a\u00a0b")).isEqualTo("a%C2%A0b");
    assertThat(TrecIds.needsEncoding("plain/a.png")).isFalse();
    assertThatThrownBy(() -> TrecIds.encode("")).isInstanceOf(IllegalArgumentException.class);
  }
}
