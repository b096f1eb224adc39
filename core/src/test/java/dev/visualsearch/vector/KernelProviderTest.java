package dev.visualsearch.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.visualsearch.vector.KernelProvider.Decision;
import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

/** The choice of kernels for every JDK, module and property combination. */
class KernelProviderTest {

  private static final int OLD = KernelProvider.MIN_AUTO_FEATURE - 1;
  private static final int NEW = 25;

  @Test
  void autoUsesTheVectorApiOnNewJdksWithTheModule() {
    assertThat(KernelProvider.decide(NEW, true, null).panama()).isTrue();
    assertThat(KernelProvider.decide(NEW, true, "auto").panama()).isTrue();
    assertThat(KernelProvider.decide(KernelProvider.MIN_AUTO_FEATURE, true, " AUTO ").panama())
        .isTrue();
  }

  @Test
  void autoWithoutTheModuleWarnsWithTheFlagToPass() {
    Decision decision = KernelProvider.decide(NEW, false, null);

    assertThat(decision.panama()).isFalse();
    assertThat(decision.level()).isEqualTo(Level.WARNING);
    assertThat(decision.message()).contains("--add-modules jdk.incubator.vector");
  }

  @Test
  void autoStaysScalarOnOldJdksWithoutWarning() {
    for (boolean module : new boolean[] {true, false}) {
      Decision decision = KernelProvider.decide(OLD, module, null);

      assertThat(decision.panama()).as("module readable: %s", module).isFalse();
      assertThat(decision.level()).isEqualTo(Level.DEBUG);
    }
  }

  @Test
  void thePropertyForcesEitherImplementation() {
    assertThat(KernelProvider.decide(NEW, true, "scalar").panama()).isFalse();
    assertThat(KernelProvider.decide(OLD, true, "panama").panama()).isTrue();
    Decision noModule = KernelProvider.decide(OLD, false, "panama");
    assertThat(noModule.panama()).isFalse();
    assertThat(noModule.level()).isEqualTo(Level.WARNING);
    assertThat(noModule.message()).contains("--add-modules jdk.incubator.vector");
  }

  @Test
  void anUnknownModeIsNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> KernelProvider.decide(NEW, true, "avx"))
        .withMessageContaining("'avx'")
        .withMessageContaining(KernelProvider.PROPERTY);
  }
}
