package dev.visualsearch.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageCategoriesTest {

  @Test
  void listsTheImagesOfTheGivenCategories() {
    ImageCategories categories = ImageCategories.of(Map.of(
        "robin.png", "birds", "owl.png", "birds", "apple.png", "fruit", "cod.png", "fish"));
    assertThat(categories.imagesOf(List.of("birds", "fruit")))
        .containsExactlyInAnyOrder("robin.png", "owl.png", "apple.png");
    assertThat(categories.imagesOf(List.of("cars"))).isEmpty();
    assertThat(ImageCategories.NONE.imagesOf(List.of("birds"))).isEmpty();
  }
}
