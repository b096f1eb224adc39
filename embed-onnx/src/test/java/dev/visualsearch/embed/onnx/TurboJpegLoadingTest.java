package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading libjpeg-turbo's bindings never throws: a missing jar, a missing or broken native
 * library, or a file that is no jar give no bindings and a status line that says why, and the
 * decoder then uses ImageIO.
 */
class TurboJpegLoadingTest {

  @TempDir Path temp;

  @Test
  void aMissingJarIsReportedAsAbsent() {
    TurboJpeg.Loaded loaded = TurboJpeg.load(temp.resolve("no.jar"), temp.resolve("lib.so"));
    assertThat(loaded.bindings()).isNull();
    assertThat(loaded.status()).contains("absent").contains("no.jar")
        .contains("apt-get install libturbojpeg-java");
  }

  @Test
  void aMissingLibraryIsReportedAsAbsent() throws Exception {
    Path jar = Files.write(temp.resolve("turbojpeg.jar"), new byte[] {1});
    TurboJpeg.Loaded loaded = TurboJpeg.load(jar, null);
    assertThat(loaded.bindings()).isNull();
    assertThat(loaded.status()).contains("absent").contains("apt-get install libturbojpeg0");
  }

  @Test
  void aBrokenJarOrLibraryIsReportedAsAFailureNotThrown() throws Exception {
    Path junk = Files.write(temp.resolve("junk.jar"), "not a jar".getBytes());
    Path library = Files.write(temp.resolve("libturbojpeg.so.0"), "not a library".getBytes());
    TurboJpeg.Loaded loaded = TurboJpeg.load(junk, library);
    assertThat(loaded.bindings()).isNull();
    assertThat(loaded.status()).startsWith("libjpeg-turbo failed to load");

    Path realJar = Path.of("/usr/share/java/turbojpeg.jar");
    if (Files.isRegularFile(realJar)) { // the bindings' jar with a library that is no library
      TurboJpeg.Loaded broken = TurboJpeg.load(realJar, library);
      assertThat(broken.bindings()).isNull();
      assertThat(broken.status()).startsWith("libjpeg-turbo failed to load")
          .contains("UnsatisfiedLinkError");
    }
  }

  @Test
  void theDecoderWithoutBindingsStillDecodes() throws Exception {
    ScaledImageDecoder decoder =
        ScaledImageDecoder.withoutTurboJpeg(dev.visualsearch.image.ImageDecoder.defaults());
    assertThat(decoder.usesTurboJpeg()).isFalse();
    assertThat(decoder.decode(dev.visualsearch.testing.SharedData.data("formats/baseline.jpg"),
        224).getType()).isEqualTo(java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
  }
}
