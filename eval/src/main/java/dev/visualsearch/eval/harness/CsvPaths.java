package dev.visualsearch.eval.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the paths written in a CSV file to the image files under a folder, robustly: a path names
 * a file when it is that file's id, or failing that when both agree after the same
 * normalisation — '\' read as '/', and leading and trailing whitespace and control characters
 * (a carriage return, most often) removed from every segment. Files copied between Windows and
 * Unix gain and lose such characters: the shared tuxpaint folders end in "\r", and a labels file
 * may or may not carry it. A normalised path that matches two files matches neither (it is
 * reported as ambiguous rather than guessed).
 */
final class CsvPaths {

  private final Map<String, Path> byId;
  private final Map<String, List<String>> byNormalised = new HashMap<>();

  CsvPaths(Map<String, Path> imagesById) {
    this.byId = imagesById;
    imagesById.keySet().forEach(
        id -> byNormalised.computeIfAbsent(normalise(id), n -> new ArrayList<>()).add(id));
  }

  /** The id of the image {@code written} names, if exactly one. */
  Optional<String> idOf(String written) {
    if (byId.containsKey(written)) {
      return Optional.of(written);
    }
    List<String> candidates = byNormalised.getOrDefault(normalise(written), List.of());
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /** Why {@link #idOf} found nothing: "no such image" or the candidates. */
  String whyMissing(String written) {
    List<String> candidates = byNormalised.getOrDefault(normalise(written), List.of());
    return candidates.isEmpty() ? "no such image" : "ambiguous: matches " + candidates.size() + " files";
  }

  /** The file of an id that {@link #idOf} returned. */
  Path file(String id) {
    return byId.get(id);
  }

  static String normalise(String path) {
    String[] segments = path.replace('\\', '/').split("/", -1);
    StringBuilder out = new StringBuilder(path.length());
    for (String segment : segments) {
      String trimmed = segment.strip().replaceAll("^\\p{Cntrl}+|\\p{Cntrl}+$", "").strip();
      if (trimmed.isEmpty() || trimmed.equals(".")) {
        continue;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(trimmed);
    }
    return out.toString();
  }
}
