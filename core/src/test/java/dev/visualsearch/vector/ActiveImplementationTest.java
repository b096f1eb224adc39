package dev.visualsearch.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Surefire runs the kernel tests twice, once without and once with {@code --add-modules
 * jdk.incubator.vector}; each execution names the implementation it expects in the system
 * property {@code visualsearch.expectedKernels}. This test proves that each run tested what it
 * claims to.
 */
class ActiveImplementationTest {

  @Test
  void theExpectedImplementationIsActive() {
    String expected = System.getProperty("visualsearch.expectedKernels");
    assumeTrue(expected != null, "visualsearch.expectedKernels is set by the Maven build only");
    System.out.println(
        "vector kernels: " + VectorKernels.implementationName() + " on Java "
            + Runtime.version().feature() + ", vector module readable: "
            + KernelTesting.vectorModuleReadable());

    assertThat(VectorKernels.implementationName()).isEqualTo(expected);
  }
}
