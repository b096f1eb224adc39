package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The header facts the fast JPEG path relies on, read from real files. */
class JpegHeaderTest {

  @Test
  void readsTheExifOrientation() throws Exception {
    assertThat(parse("formats/exif-orientation-6.jpg").orientation()).isEqualTo(6);
    assertThat(parse("formats/baseline.jpg").orientation()).isEqualTo(1);
  }

  @Test
  void tellsSrgbProfilesFromOthers() throws Exception {
    // rocket.jpg embeds Adobe RGB (1998): the fast path, which does not colour-manage, skips it.
    assertThat(parse("photos/rocket.jpg").foreignIccProfile()).isTrue();
    // hubble_deep_field.jpg and starry_night.jpg embed sRGB IEC61966-2.1; baseline.jpg none.
    assertThat(parse("photos/hubble_deep_field.jpg").foreignIccProfile()).isFalse();
    assertThat(parse("photos/starry_night.jpg").foreignIccProfile()).isFalse();
    assertThat(parse("formats/baseline.jpg").foreignIccProfile()).isFalse();
  }

  @Test
  void damagedOrForeignBytesReadAsPlain() throws Exception {
    byte[] png = Files.readAllBytes(SharedData.data("formats/rgb.png"));
    assertThat(JpegHeader.isJpeg(png, png.length)).isFalse();
    byte[] cut = java.util.Arrays.copyOf(
        Files.readAllBytes(SharedData.data("formats/exif-orientation-6.jpg")), 30);
    assertThat(JpegHeader.isJpeg(cut, cut.length)).isTrue();
    assertThat(JpegHeader.parse(cut, cut.length)).isEqualTo(new JpegHeader(1, false));
  }

  private static JpegHeader parse(String name) throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.data(name));
    assertThat(JpegHeader.isJpeg(bytes, bytes.length)).isTrue();
    return JpegHeader.parse(bytes, bytes.length);
  }
}
