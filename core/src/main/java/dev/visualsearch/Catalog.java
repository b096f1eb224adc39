package dev.visualsearch;

import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.FormatInput;
import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The collection catalogue: id → source → metadata, kept beside the vectors.
 *
 * <p>Thread-safe (a concurrent map); {@link #save} copies a snapshot, which the facade makes
 * consistent by holding its mutation lock.
 *
 * <p>File format, codec {@code "Catalog"}, version 2 (little-endian, see {@link FormatOutput}):
 *
 * <ol>
 *   <li>header: magic, codec name, version;
 *   <li>{@code int} entry count;
 *   <li>per entry: id (string); {@code byte} 1 if a source follows, else 0; source (string);
 *       {@code byte} 1 if source-file facts follow, else 0; the facts: SHA-256 (32 bytes), size
 *       ({@code long}), modification time ({@code long}, milliseconds since the epoch), width
 *       and height ({@code int} each); {@code int} metadata pair count; that many key (string),
 *       value (string) pairs;
 *   <li>footer: magic, checksum algorithm, CRC32.
 * </ol>
 *
 * Strings are an {@code int} UTF-8 byte count followed by the bytes. Version 1 is version 2
 * without the source-file byte and facts; it is still read.
 */
final class Catalog {

  static final String CODEC = "Catalog";
  static final int VERSION = 2;
  static final int OLDEST_VERSION = 1;

  /** Ids, sources, keys and values are each limited to this many UTF-8 bytes. */
  static final int MAX_STRING_BYTES = 1 << 16;

  private static final int MAX_METADATA_PAIRS = 1 << 12;

  private final Map<String, CatalogEntry> entries = new ConcurrentHashMap<>();

  Optional<CatalogEntry> get(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Stores {@code entry}, returning the entry it replaced, if any. */
  CatalogEntry put(CatalogEntry entry) {
    return entries.put(entry.id(), entry);
  }

  /** Puts {@code previous} back under {@code id}, or removes the id if there was none. */
  void restore(String id, CatalogEntry previous) {
    if (previous == null) {
      entries.remove(id);
    } else {
      entries.put(id, previous);
    }
  }

  CatalogEntry remove(String id) {
    return entries.remove(id);
  }

  int size() {
    return entries.size();
  }

  void save(Path file) throws IOException {
    List<CatalogEntry> snapshot = new ArrayList<>(entries.values());
    // Sorted so that saving the same collection twice writes the same bytes.
    snapshot.sort((a, b) -> a.id().compareTo(b.id()));
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(CODEC, VERSION);
          output.writeInt(snapshot.size());
          for (CatalogEntry entry : snapshot) {
            output.writeString(entry.id());
            output.writeByte(entry.source().isPresent() ? 1 : 0);
            output.writeString(entry.source().orElse(""));
            SourceFile facts = entry.sourceFile().orElse(null);
            output.writeByte(facts != null ? 1 : 0);
            if (facts != null) {
              byte[] digest = HexFormat.of().parseHex(facts.sha256());
              output.writeBytes(digest, 0, digest.length);
              output.writeLong(facts.size());
              output.writeLong(facts.lastModified().toEpochMilli());
              output.writeInt(facts.width());
              output.writeInt(facts.height());
            }
            output.writeInt(entry.metadata().size());
            for (Map.Entry<String, String> pair : new TreeMap<>(entry.metadata()).entrySet()) {
              output.writeString(pair.getKey());
              output.writeString(pair.getValue());
            }
          }
          output.writeFooter();
        });
  }

  static Catalog read(Path file) throws IOException {
    Catalog catalog = new Catalog();
    try (FormatInput input = FormatInput.open(file, CODEC, OLDEST_VERSION, VERSION)) {
      // Each entry takes at least 4 + 1 + 4 + 4 bytes, which bounds a believable count.
      int count =
          input.readCount("entry count", (int) Math.min(Integer.MAX_VALUE, input.remaining() / 13));
      for (int i = 0; i < count; i++) {
        String id = input.readString(MAX_STRING_BYTES);
        boolean hasSource = input.readByte() == 1;
        String source = input.readString(MAX_STRING_BYTES);
        SourceFile sourceFile =
            input.version() >= 2 && input.readByte() == 1 ? readSourceFile(input, id) : null;
        int pairs = input.readCount("metadata pair count of '" + id + "'", MAX_METADATA_PAIRS);
        Map<String, String> metadata = pairs == 0 ? Map.of() : new LinkedHashMap<>();
        for (int p = 0; p < pairs; p++) {
          metadata.put(input.readString(MAX_STRING_BYTES), input.readString(MAX_STRING_BYTES));
        }
        CatalogEntry entry = new CatalogEntry(id, hasSource ? source : null, sourceFile, metadata);
        if (catalog.entries.put(id, entry) != null) {
          throw input.corrupt("id '" + id + "' appears twice");
        }
      }
      input.finish();
    }
    return catalog;
  }

  private static SourceFile readSourceFile(FormatInput input, String id) throws IOException {
    byte[] digest = new byte[32];
    input.readBytes(digest, 0, digest.length);
    long size = input.readLong();
    long modified = input.readLong();
    int width = input.readInt();
    int height = input.readInt();
    if (size < 0 || width < 0 || height < 0) {
      throw input.corrupt("negative size or dimensions for '" + id + "'");
    }
    return new SourceFile(
        HexFormat.of().formatHex(digest), size, Instant.ofEpochMilli(modified), width, height);
  }

  /** A snapshot of the entries. */
  List<CatalogEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** A snapshot of the ids. */
  Set<String> ids() {
    return Set.copyOf(entries.keySet());
  }
}
