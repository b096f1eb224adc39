package dev.visualsearch.embed.onnx;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A model file's location, bytes and sha256, read once. Immutable and thread-safe (the byte array
 * is never handed out to callers outside the package and never written).
 *
 * @param path the .onnx file, absolute and normalised
 * @param bytes its content
 * @param sha256 the lower-case hex sha256 of {@code bytes}
 */
record ModelFile(Path path, byte[] bytes, String sha256) {

  /**
   * Reads an .onnx file, or the single .onnx file in a directory.
   *
   * @throws NoSuchFileException if {@code location} does not exist
   * @throws IOException if a directory holds no .onnx file or several (the message lists what it
   *     holds), or the file cannot be read
   */
  static ModelFile read(Path location) throws IOException {
    Path file = resolve(location.toAbsolutePath().normalize());
    byte[] bytes = Files.readAllBytes(file);
    return new ModelFile(file, bytes, sha256(bytes));
  }

  private static Path resolve(Path location) throws IOException {
    if (!Files.exists(location)) {
      throw new NoSuchFileException(
          location.toString(), null, "no ONNX model file or directory here");
    }
    if (!Files.isDirectory(location)) {
      return location;
    }
    List<Path> models = new ArrayList<>();
    List<String> others = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(location)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Files.isRegularFile(entry) && name.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
          models.add(entry);
        } else {
          others.add(name);
        }
      }
    }
    models.sort(null);
    others.sort(null);
    if (models.size() == 1) {
      return models.get(0);
    }
    if (models.isEmpty()) {
      throw new IOException(
          "no .onnx file in model directory " + location + "; it holds: "
              + (others.isEmpty() ? "nothing" : String.join(", ", others)));
    }
    List<String> names = new ArrayList<>();
    models.forEach(m -> names.add(m.getFileName().toString()));
    throw new IOException(
        models.size() + " .onnx files in model directory " + location
            + ", expected exactly one (pass the file itself): " + String.join(", ", names));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
