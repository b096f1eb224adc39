package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started with a long command line can load ONNX Runtime and embed. Loading it on a thread
 * with the default 1 MiB stack crashed such a JVM outright (SIGSEGV) on Linux; {@link
 * OrtEnvironments} loads it on a thread with a large stack. The test runs a child JVM whose class
 * path is padded past 8 KiB, as long class paths of test runners and IDEs are.
 */
class LongCommandLineTest {

  @Test
  void aJvmWithALongClassPathLoadsOnnxRuntimeAndEmbeds() throws Exception {
    StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
    for (int i = 0; classPath.length() < 8 * 1024 + 1024; i++) {
      classPath.append(File.pathSeparator).append("/nonexistent/padding/entry-number-").append(i)
          .append(".jar");
    }
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath.toString(),
        Child.class.getName(),
        SharedData.mobileNetV2St().toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("the child finished: %s", output).isTrue();
    assertThat(process.exitValue()).as("exit code (139 = SIGSEGV); output: %s", output).isZero();
    assertThat(output).contains("embedded 1280");
  }

  /** Builds an embedder of the model given and embeds one blank image. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(Path.of(args[0])).build()) {
        float[] vector = embedder.embed(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB));
        System.out.println("embedded " + vector.length);
      }
    }
  }
}
