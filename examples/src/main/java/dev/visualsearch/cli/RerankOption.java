package dev.visualsearch.cli;

import dev.visualsearch.personalize.RerankWeights;
import java.util.Locale;

/** Reads {@code --rerank}: {@code default}, {@code off}, or {@code taste=W,engagement=W}. */
final class RerankOption {

  private RerankOption() {}

  /** @throws IllegalArgumentException naming the value and the accepted forms */
  static RerankWeights parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("default")) {
      return RerankWeights.DEFAULT;
    }
    if (text.equals("off")) {
      return RerankWeights.VISUAL_ONLY;
    }
    RerankWeights weights = RerankWeights.DEFAULT;
    for (String part : text.split(",")) {
      String[] pair = part.split("=", 2);
      double weight;
      try {
        weight = pair.length == 2 ? Double.parseDouble(pair[1].trim()) : Double.NaN;
      } catch (NumberFormatException e) {
        weight = Double.NaN;
      }
      if (Double.isNaN(weight)) {
        throw invalid(value);
      }
      weights = switch (pair[0].trim()) {
        case "taste" -> weights.withTaste(weight);
        case "engagement" -> weights.withEngagement(weight);
        default -> throw invalid(value);
      };
    }
    return weights;
  }

  private static IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException("--rerank must be default, off, or taste=W,engagement=W"
        + " with W a number >= 0, not '" + value + "'");
  }
}
