package dev.visualsearch;

import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.store.FormatTooNewException;
import dev.visualsearch.store.FormatTooOldException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The commit point of a saved collection: {@code manifest.properties}, a small text file naming
 * the index and catalogue files of the current generation and what the vectors are (embedder
 * fingerprint, dimension, metric, index kind).
 *
 * <p>A save writes {@code index-<g>.vsi} and {@code catalog-<g>.vsc} for a new generation {@code
 * g} first, then replaces the manifest atomically. A crash before the manifest is replaced leaves
 * the previous generation complete and in force; files of other generations are deleted only
 * after the new manifest is in place.
 *
 * <p>Keys (format version 1): {@code format} ({@value #FORMAT_NAME}), {@code format.version},
 * {@code generation}, {@code saved} (ISO-8601 instant), {@code embedder.fingerprint}, {@code
 * image.loader} (how images were decoded; "full-size" when absent), {@code dimension}, {@code metric}, {@code index.kind}, {@code index.file}, {@code catalog.file}, {@code
 * size}, and {@code attribute.<name>} for each collection attribute.
 *
 * <p>Immutable and thread-safe.
 */
record CollectionManifest(
    long generation,
    Instant saved,
    String fingerprint,
    String imageLoader,
    int dimension,
    Metric metric,
    String indexKind,
    String indexFile,
    String catalogFile,
    int size,
    Map<String, String> attributes) {

  static final String FILE_NAME = "manifest.properties";
  static final String FORMAT_NAME = "visualsearch-collection";
  static final int FORMAT_VERSION = 1;
  private static final String ATTRIBUTE_PREFIX = "attribute.";

  CollectionManifest {
    attributes = Map.copyOf(attributes);
  }

  static String indexFileName(long generation) {
    return "index-" + generation + ".vsi";
  }

  static String catalogFileName(long generation) {
    return "catalog-" + generation + ".vsc";
  }

  static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve(FILE_NAME));
  }

  /** Replaces the manifest in {@code directory} atomically. */
  void write(Path directory) throws IOException {
    Map<String, String> values = new TreeMap<>();
    values.put("format", FORMAT_NAME);
    values.put("format.version", Integer.toString(FORMAT_VERSION));
    values.put("generation", Long.toString(generation));
    values.put("saved", saved.toString());
    values.put("embedder.fingerprint", fingerprint);
    values.put("image.loader", imageLoader);
    values.put("dimension", Integer.toString(dimension));
    values.put("metric", metric.name());
    values.put("index.kind", indexKind);
    values.put("index.file", indexFile);
    values.put("catalog.file", catalogFile);
    values.put("size", Integer.toString(size));
    attributes.forEach((name, value) -> values.put(ATTRIBUTE_PREFIX + name, value));
    AtomicFile.write(
        directory.resolve(FILE_NAME),
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          writer.write("# visualsearch collection: the files of the current generation\n");
          for (Map.Entry<String, String> entry : values.entrySet()) {
            writer.write(escape(entry.getKey(), true) + "=" + escape(entry.getValue(), false) + "\n");
          }
          writer.flush();
        });
  }

  /**
   * Reads the manifest of the collection in {@code directory}.
   *
   * @throws NoSuchFileException naming the directory when it holds no manifest
   * @throws CorruptFileException when a key is missing or malformed
   */
  static CollectionManifest read(Path directory) throws IOException {
    Path file = directory.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(
          directory.toString(), null, "not a visualsearch collection (no " + FILE_NAME + ")");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IllegalArgumentException e) {
      throw new CorruptFileException(file, "not a properties file: " + e.getMessage());
    }
    Fields fields = new Fields(file, properties);
    if (!FORMAT_NAME.equals(fields.text("format"))) {
      throw new CorruptFileException(file, "not a visualsearch collection manifest");
    }
    int version = fields.integer("format.version");
    if (version < FORMAT_VERSION) {
      throw new FormatTooOldException(file, FORMAT_NAME, version, FORMAT_VERSION);
    }
    if (version > FORMAT_VERSION) {
      throw new FormatTooNewException(file, FORMAT_NAME, version, FORMAT_VERSION);
    }
    Map<String, String> attributes = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(ATTRIBUTE_PREFIX)) {
        attributes.put(key.substring(ATTRIBUTE_PREFIX.length()), properties.getProperty(key));
      }
    }
    return new CollectionManifest(
        fields.integer("generation"),
        fields.instant("saved"),
        fields.text("embedder.fingerprint"),
        properties.getProperty("image.loader", "full-size").strip(),
        fields.integer("dimension"),
        fields.metric("metric"),
        fields.text("index.kind"),
        fields.fileName("index.file"),
        fields.fileName("catalog.file"),
        fields.integer("size"),
        attributes);
  }

  /** Escapes for {@link Properties#load}: backslashes, line breaks, and (keys) '=', ':', blanks. */
  private static String escape(String text, boolean key) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '=', ':', ' ', '#', '!' -> {
          if (key || (i == 0 && (c == ' ' || c == '#' || c == '!'))) {
            out.append('\\');
          }
          out.append(c);
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Typed access to required keys, reporting a missing or malformed one by name. */
  private record Fields(Path file, Properties properties) {

    String text(String key) throws CorruptFileException {
      String value = properties.getProperty(key);
      if (value == null || value.isBlank()) {
        throw new CorruptFileException(file, "missing key '" + key + "'");
      }
      return value.strip();
    }

    int integer(String key) throws CorruptFileException {
      String value = text(key);
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < 0) {
          throw new NumberFormatException();
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new CorruptFileException(file, key + "=" + value + " is not a non-negative integer");
      }
    }

    Instant instant(String key) throws CorruptFileException {
      String value = text(key);
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new CorruptFileException(file, key + "=" + value + " is not an ISO-8601 instant");
      }
    }

    Metric metric(String key) throws CorruptFileException {
      String value = text(key);
      try {
        return Metric.valueOf(value);
      } catch (IllegalArgumentException e) {
        throw new CorruptFileException(file, key + "=" + value + " is not a metric");
      }
    }

    /** A file name inside the collection directory: no separators, so it cannot point elsewhere. */
    String fileName(String key) throws CorruptFileException {
      String value = text(key);
      if (value.contains("/") || value.contains("\\") || value.equals("..") || value.equals(".")) {
        throw new CorruptFileException(file, key + "=" + value + " is not a plain file name");
      }
      return value;
    }
  }
}
