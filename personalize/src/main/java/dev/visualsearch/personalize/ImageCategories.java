package dev.visualsearch.personalize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of each category, for the taste of a new user who declared categories ({@link
 * TasteVector#learnedOrDeclared}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageCategories {

  /** No categories known: declared categories give no taste. */
  public static final ImageCategories NONE = new ImageCategories(Map.of());

  private final Map<String, List<String>> imagesByCategory;

  private ImageCategories(Map<String, List<String>> imagesByCategory) {
    this.imagesByCategory = imagesByCategory;
  }

  /** The categories of {@code categoryByImage} (image id → category). */
  public static ImageCategories of(Map<String, String> categoryByImage) {
    Map<String, List<String>> byCategory = new HashMap<>();
    categoryByImage.forEach((image, category) ->
        byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(image));
    byCategory.replaceAll((category, images) -> List.copyOf(images));
    return new ImageCategories(Map.copyOf(byCategory));
  }

  /** The images of all of {@code categories}; empty for categories no image has. */
  public List<String> imagesOf(Collection<String> categories) {
    List<String> images = new ArrayList<>();
    for (String category : categories) {
      images.addAll(imagesByCategory.getOrDefault(category, List.of()));
    }
    return images;
  }
}
