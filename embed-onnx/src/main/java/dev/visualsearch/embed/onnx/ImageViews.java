package dev.visualsearch.embed.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The views of each image whose vectors are averaged into its embedding (test-time
 * augmentation): the image itself, optionally its mirror image, optionally zoomed out and in.
 * One view (the default) is the plain preprocessing.
 *
 * <p>Zoom {@code z} scales the preprocessing's source region about its centre by {@code 1/z}:
 * {@code 1} is the region itself, {@code 1.25} a tighter centre, and for {@link
 * Preprocessing.Geometry#CENTER_CROP} {@code 0.875} the whole shorter side (the border the centre
 * crop drops). {@link Preprocessing.Geometry#SQUASH} already sees the whole image, so its scales
 * zoom in only.
 *
 * <p>Immutable and thread-safe.
 */
final class ImageViews {

  /** Zooms of multi-scale views for a centre crop: whole shorter side, the crop, a tighter crop. */
  static final double[] CENTER_CROP_ZOOMS = {0.875, 1.0, 1.25};
  /** Zooms of multi-scale views for a squash, which cannot zoom out. */
  static final double[] SQUASH_ZOOMS = {1.0, 1.25, 1.5};

  /** One view: a zoom and whether it is mirrored left-right. */
  record View(double zoom, boolean mirrored) {}

  private final List<View> views;
  private final String description;

  private ImageViews(List<View> views, String description) {
    this.views = List.copyOf(views);
    this.description = description;
  }

  static ImageViews of(boolean flip, boolean multiScale, Preprocessing.Geometry geometry) {
    double[] zooms = !multiScale
        ? new double[] {1.0}
        : geometry == Preprocessing.Geometry.SQUASH ? SQUASH_ZOOMS : CENTER_CROP_ZOOMS;
    List<View> views = new ArrayList<>();
    for (double zoom : zooms) {
      views.add(new View(zoom, false));
      if (flip) {
        views.add(new View(zoom, true));
      }
    }
    List<String> parts = new ArrayList<>();
    if (flip) {
      parts.add("flip");
    }
    if (multiScale) {
      StringBuilder z = new StringBuilder("zoom(");
      for (int i = 0; i < zooms.length; i++) {
        z.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", zooms[i]));
      }
      parts.add(z.append(')').toString());
    }
    return new ImageViews(views, String.join("+", parts));
  }

  /** The number of views per image: the model input slots each image takes. */
  int count() {
    return views.size();
  }

  View get(int i) {
    return views.get(i);
  }

  /** Whether there is more than the plain view. */
  boolean averaged() {
    return views.size() > 1;
  }

  /** For the fingerprint, e.g. {@code flip+zoom(0.875,1.0,1.25)}; empty for the plain view. */
  String describe() {
    return description;
  }
}
