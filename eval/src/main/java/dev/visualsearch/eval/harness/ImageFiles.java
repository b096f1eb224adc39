package dev.visualsearch.eval.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the image files of a folder the way {@code VisualSearch.addFolder} does: recursively, by
 * file name extension, leaving hidden files and folders alone, each under its path relative to the
 * folder with '/' separators.
 */
final class ImageFiles {

  private static final Set<String> EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp");

  private ImageFiles() {}

  /**
   * Id → file for every image under {@code folder}, sorted by id.
   *
   * @throws NotDirectoryException if {@code folder} is not a directory
   * @throws IOException if it cannot be listed
   */
  static Map<String, Path> list(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NotDirectoryException(folder.toString());
    }
    Map<String, Path> images = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      files.filter(Files::isRegularFile)
          .filter(file -> isImageName(file) && !hidden(folder, file))
          .forEach(file -> images.put(idOf(folder, file), file));
    }
    return images;
  }

  /** The id of {@code file} under {@code root}: its relative path with '/' separators. */
  static String idOf(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  static boolean isImageName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
