package dev.visualsearch;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a collection knows about one item besides its vector: the id, where the image came from,
 * and the caller's metadata (a product's SKU, a category, a licence...).
 *
 * <p>Immutable and thread-safe.
 */
public final class CatalogEntry {

  private final String id;
  private final String source;
  private final SourceFile sourceFile;
  private final Map<String, String> metadata;

  /**
   * @param id the item's id
   * @param source where the image came from (a file path, a stream's name), or {@code null} for an
   *     item added as an image object or a vector
   * @param metadata the caller's key/value pairs; copied
   */
  public CatalogEntry(String id, String source, Map<String, String> metadata) {
    this(id, source, null, metadata);
  }

  /**
   * @param id the item's id
   * @param source where the image came from, or {@code null}
   * @param sourceFile what is known of the source file, or {@code null}
   * @param metadata the caller's key/value pairs; copied
   */
  public CatalogEntry(
      String id, String source, SourceFile sourceFile, Map<String, String> metadata) {
    this.id = Objects.requireNonNull(id, "id");
    this.source = source;
    this.sourceFile = sourceFile;
    this.metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
  }

  /** The item's id. */
  public String id() {
    return id;
  }

  /** Where the image came from: the file path, or the name given with a stream. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /**
   * What is known of the file the item was indexed from (hash, size, time, resolution): present
   * for items added from files.
   */
  public Optional<SourceFile> sourceFile() {
    return Optional.ofNullable(sourceFile);
  }

  /** The caller's metadata; unmodifiable, possibly empty. */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CatalogEntry other
        && id.equals(other.id)
        && Objects.equals(source, other.source)
        && Objects.equals(sourceFile, other.sourceFile)
        && metadata.equals(other.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, source, sourceFile, metadata);
  }

  @Override
  public String toString() {
    return "CatalogEntry[id=" + id + ", source=" + source + ", file=" + sourceFile + ", metadata="
        + metadata + "]";
  }
}
