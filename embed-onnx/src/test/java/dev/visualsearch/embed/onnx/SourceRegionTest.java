package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.embed.onnx.Preprocessing.Encoding;
import dev.visualsearch.embed.onnx.Preprocessing.Geometry;
import org.junit.jupiter.api.Test;

/** The source region of each geometry follows torchvision's Resize(256) + CenterCrop(224). */
class SourceRegionTest {

  @Test
  void centerCropOfALandscapePhotoMatchesTorchvision() {
    // 640x480: Resize(256) -> 341x256 (int(256 * 640 / 480) = 341); CenterCrop(224) -> left =
    // round((341 - 224) / 2) = round(58.5) = 58 (Python rounds half to even), top = 16.
    SourceRegion region = SourceRegion.of(Preprocessing.torchvision().withSize(224), 640, 480);
    double sx = 640.0 / 341;
    double sy = 480.0 / 256;
    assertThat(region.x0()).isCloseTo(58 * sx, within(1e-9));
    assertThat(region.x1()).isCloseTo((58 + 224) * sx, within(1e-9));
    assertThat(region.y0()).isCloseTo(16 * sy, within(1e-9));
    assertThat(region.y1()).isCloseTo((16 + 224) * sy, within(1e-9));
  }

  @Test
  void centerCropOfAPortraitPhotoCropsRows() {
    // 300x500: Resize(256) -> 256x426; CenterCrop(224) -> left 16, top round(101.0) = 101.
    SourceRegion region = SourceRegion.of(Preprocessing.torchvision().withSize(224), 300, 500);
    assertThat(region.x0()).isCloseTo(16 * 300.0 / 256, within(1e-9));
    assertThat(region.y0()).isCloseTo(101 * 500.0 / 426, within(1e-9));
    assertThat(region.y1() - region.y0()).isCloseTo(224 * 500.0 / 426, within(1e-9));
  }

  @Test
  void squashTakesTheWholeImage() {
    SourceRegion region = SourceRegion.of(
        Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(224), 640, 480);
    assertThat(region).isEqualTo(new SourceRegion(0, 0, 640, 480));
  }
}
