package dev.visualsearch.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.eval.report.ThumbnailPage.Frame;
import dev.visualsearch.eval.report.ThumbnailPage.Tile;
import dev.visualsearch.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbnailPageTest {

  @Test
  void embedsEachImageOnceAndEscapesEveryCaption() {
    Path cat = SharedData.data("formats/baseline.jpg");
    String html =
        new ThumbnailPage("dups <of> cats", 64)
            .paragraph("a & b")
            .row("group 1\nkeep first", List.of(
                new Tile(cat, "keep\nbaseline.jpg", Frame.PRIMARY),
                new Tile(cat, "<script>alert(1)</script>", Frame.MARKED),
                new Tile(SharedData.data("formats/bad-empty.jpg"), "broken\r", Frame.PLAIN),
                new Tile(null, "no file", Frame.PLAIN)))
            .html();

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).contains("<title>dups &lt;of&gt; cats</title>");
    assertThat(html).contains("<p>a &amp; b</p>");
    assertThat(html).contains("group 1<br>keep first");
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(html).contains("broken\\r");
    // One picture for the two tiles of the same file; none for the undecodable one.
    assertThat(html.split("data:image/jpeg;base64,", -1)).hasSize(2);
    assertThat(html).contains("class=\"cell primary\"").contains("class=\"cell marked\"");
    assertThat(html).contains("t missing");
  }

  @Test
  void refusesSillySizes() {
    assertThatThrownBy(() -> new ThumbnailPage("x", 8))
        .hasMessage("thumbnail size must be in 16..512: 8");
  }
}
