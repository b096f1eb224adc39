package dev.visualsearch.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawInteractionTest {

  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void aValidEventBecomesAnInteraction() {
    Interaction dwell = new RawInteraction("u", "a.jpg", "Dwell", 1500L, T, "q1").validate();
    assertThat(dwell).isEqualTo(new Interaction("u", "a.jpg", Interaction.Type.DWELL, 1500, T, "q1"));
    assertThat(RawInteraction.of(dwell).validate()).isEqualTo(dwell);
    Interaction click = new Interaction("u", "a.jpg", Interaction.Type.CLICK, 0, T);
    assertThat(RawInteraction.of(click).validate()).isEqualTo(click);
  }

  @Test
  void eachKindOfBadEventIsRefusedWithItsReason() {
    assertThatThrownBy(() -> new RawInteraction(null, "a", "click", null, T, null).validate())
        .hasMessage("missing user");
    assertThatThrownBy(() -> new RawInteraction("u", "", "click", null, null, null).validate())
        .hasMessage("missing image, timestamp");
    assertThatThrownBy(() -> new RawInteraction("u", "a", "stare", null, T, null).validate())
        .hasMessageContaining("unknown interaction type 'stare'");
    assertThatThrownBy(() -> new RawInteraction("u", "a", "dwell", -5L, T, null).validate())
        .hasMessageContaining("dwellMs must be between 0 and 86400000: -5");
    assertThatThrownBy(() -> new RawInteraction("u", "a", "dwell", null, T, null).validate())
        .hasMessage("a dwell interaction needs dwellMs");
    assertThatThrownBy(() -> new RawInteraction("u", "a", "click", 10L, T, null).validate())
        .hasMessageContaining("dwellMs belongs to type dwell only");
    assertThatThrownBy(() -> new RawInteraction("u", "a", "click", null, T, "").validate())
        .hasMessageContaining("queryId must be 1 to 512");
  }
}
