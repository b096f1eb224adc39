package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.vector.VectorKernels;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs this module's tests twice, without and with {@code --add-modules
 * jdk.incubator.vector}; each execution names the kernels it expects in {@code
 * visualsearch.expectedKernels}. This test proves that each run built and searched its graphs
 * with what it claims.
 */
class ActiveKernelsTest {

  @Test
  void theExpectedKernelsAreActive() {
    String expected = System.getProperty("visualsearch.expectedKernels");
    assumeTrue(expected != null, "visualsearch.expectedKernels is set by the Maven build only");
    System.out.println("hnsw index kernels: " + VectorKernels.implementationName()
        + " on Java " + Runtime.version().feature());

    assertThat(VectorKernels.implementationName()).isEqualTo(expected);
  }
}
