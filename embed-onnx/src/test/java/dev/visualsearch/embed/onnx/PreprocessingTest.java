package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.embed.onnx.Preprocessing.Encoding;
import dev.visualsearch.embed.onnx.Preprocessing.Geometry;
import org.junit.jupiter.api.Test;

/** The public value: presets, validation, equality and the exact describe() strings. */
class PreprocessingTest {

  @Test
  void describeNamesTheExactRecipe() {
    assertThat(Preprocessing.torchvision().withSize(224).describe())
        .isEqualTo(
            "center-crop(resize=256,crop=224);mean-std(0.485,0.456,0.406/0.229,0.224,0.225)");
    assertThat(Preprocessing.keras().withSize(224).describe())
        .isEqualTo("center-crop(resize=256,crop=224);symmetric(x/127.5-1)");
    assertThat(Preprocessing.of(Geometry.SQUASH, Encoding.RAW_UINT8).withSize(128).describe())
        .isEqualTo("squash(size=128);raw-uint8(0..255)");
    assertThat(Preprocessing.rawUint8().describe())
        .isEqualTo("center-crop(resize=round(crop/0.875),crop=model);raw-uint8(0..255)");
  }

  @Test
  void centerCropResizesTheShorterSideToSizeOverSevenEighths() {
    assertThat(Preprocessing.torchvision().withSize(224).resizeLength()).isEqualTo(256);
    assertThat(Preprocessing.torchvision().withSize(128).resizeLength()).isEqualTo(146);
    assertThat(Preprocessing.torchvision().withSize(299).resizeLength()).isEqualTo(342);
  }

  @Test
  void valuesWithTheSameRecipeAreEqual() {
    assertThat(Preprocessing.torchvision())
        .isEqualTo(Preprocessing.of(Geometry.CENTER_CROP, Encoding.IMAGENET_MEAN_STD))
        .hasSameHashCodeAs(Preprocessing.of(Geometry.CENTER_CROP, Encoding.IMAGENET_MEAN_STD))
        .isNotEqualTo(Preprocessing.torchvision().withSize(224))
        .isNotEqualTo(Preprocessing.keras());
    assertThat(Preprocessing.torchvision().size()).isEmpty();
    assertThat(Preprocessing.torchvision().withSize(224).size()).hasValue(224);
  }

  @Test
  void invalidArgumentsAreRejectedAtOnce() {
    assertThatThrownBy(() -> Preprocessing.rawUint8().withSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("preprocessing size must be in 1..8192: 0");
    assertThatThrownBy(() -> Preprocessing.of(null, Encoding.RAW_UINT8))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("geometry");
    assertThatThrownBy(() -> Preprocessing.rawUint8().withEncoding(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void encodingsKnowTheirTensorType() {
    assertThat(Encoding.RAW_UINT8.isFloat()).isFalse();
    assertThat(Encoding.IMAGENET_MEAN_STD.isFloat()).isTrue();
    assertThat(Encoding.SYMMETRIC.isFloat()).isTrue();
  }
}
