package dev.visualsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.personalize.RerankWeights;
import org.junit.jupiter.api.Test;

class RerankOptionTest {

  @Test
  void readsTheNamedChoicesAndExplicitWeights() {
    assertThat(RerankOption.parse("default")).isEqualTo(RerankWeights.DEFAULT);
    assertThat(RerankOption.parse("OFF").visualOnly()).isTrue();
    RerankWeights weights = RerankOption.parse("taste=0.2, engagement=0");
    assertThat(weights.taste()).isEqualTo(0.2);
    assertThat(weights.engagement()).isZero();
  }

  @Test
  void refusesAnythingElseNamingTheValue() {
    for (String bad : new String[] {"fast", "taste=", "taste=x", "colour=0.1", "taste=-1"}) {
      assertThatThrownBy(() -> RerankOption.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
              bad.equals("taste=-1") ? "taste weight must be finite and >= 0" : "'" + bad + "'");
    }
  }
}
