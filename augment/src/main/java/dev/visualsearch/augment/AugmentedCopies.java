package dev.visualsearch.augment;

import dev.visualsearch.image.ImageDecodeException;
import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Ground truth from augmented copies (protocol 1 of the evaluation): writes {@code n} augmented
 * copies of each original image into a directory, and tells which copies belong to which
 * original, so that searching with an original should find its copies.
 *
 * <pre>{@code
 * AugmentedCopies.Result result = AugmentedCopies.builder()
 *     .augmentation(Augmentation.notebook())
 *     .copiesPerImage(1)
 *     .seed(42)
 *     .build()
 *     .write(Map.of("birds/robin.png", Path.of("photos/birds/robin.png")), Path.of("augmented"));
 * result.copyIdsByOriginal();   // {"birds/robin.png" -> ["birds/robin~aug1.png"]}
 * }</pre>
 *
 * <p>Copy {@code j} (from 1) of original {@code id} is made with the seed {@code mix(seed, id, j)}
 * (recorded in {@link AugmentedCopy#seed()}), which depends on nothing else: adding or removing
 * originals never changes the copies of the others, and the same inputs give byte-identical
 * files. Its id is the original id without its extension, with every character that is not a
 * letter, digit, {@code '.'}, {@code '-'}, {@code '_'} or {@code '/'} replaced by {@code '_'},
 * followed by {@code ~aug<j>.png}; the file is that path under the output directory. Originals that
 * cannot be decoded are skipped and reported in {@link Result#skipped()}; the others are written.
 *
 * <p>Immutable and thread-safe.
 */
public final class AugmentedCopies {

  private final Augmentation augmentation;
  private final int copies;
  private final long seed;
  private final ImageDecoder decoder;

  private AugmentedCopies(Builder builder) {
    this.augmentation = builder.augmentation;
    this.copies = builder.copies;
    this.seed = builder.seed;
    this.decoder = builder.decoder;
  }

  /** Starts configuring. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the copies of {@code originals} (id → image file, in the order to write them) under
   * {@code outputDirectory} (created if needed; existing files of the same names are replaced).
   *
   * @throws IllegalArgumentException if two originals would get the same copy id (their ids differ
   *     only in the characters that are replaced)
   * @throws IOException if a copy cannot be written, or an original cannot be read for a reason
   *     other than not being a decodable image
   */
  public Result write(Map<String, Path> originals, Path outputDirectory) throws IOException {
    Objects.requireNonNull(originals, "originals");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Map<String, String> stemOwners = new HashMap<>();
    for (String id : originals.keySet()) {
      String earlier = stemOwners.putIfAbsent(stem(id), id);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "originals '" + earlier + "' and '" + id + "' would get the same copy names '" + stem(id) + "~aug…'");
      }
    }
    List<AugmentedCopy> written = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Map.Entry<String, Path> original : originals.entrySet()) {
      BufferedImage image;
      try {
        image = decoder.decode(original.getValue());
      } catch (ImageDecodeException e) {
        skipped.put(original.getKey(), e.getMessage());
        continue;
      }
      for (int j = 1; j <= copies; j++) {
        long copySeed = Randoms.mix(seed, original.getKey(), j);
        String id = stem(original.getKey()) + "~aug" + j + ".png";
        Path file = outputDirectory.resolve(id);
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(augmentation.apply(image, copySeed), "png", file.toFile())) {
          throw new IOException("no PNG writer installed in ImageIO, writing " + file);
        }
        written.add(new AugmentedCopy(original.getKey(), id, file, copySeed));
      }
    }
    return new Result(written, skipped);
  }

  /** The original id without its extension, made safe as a relative file path. */
  static String stem(String id) {
    int slash = id.lastIndexOf('/');
    int dot = id.lastIndexOf('.');
    String base = dot > slash + 1 ? id.substring(0, dot) : id;
    StringBuilder out = new StringBuilder(base.length());
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      boolean safe = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '/');
      out.append(safe ? c : '_');
    }
    // No empty, "." or ".." segments: the copy must stay inside the output directory.
    String[] segments = out.toString().split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].isEmpty() || segments[i].chars().allMatch(c -> c == '.')) {
        segments[i] = segments[i].replace('.', '_') + "_";
      }
    }
    return String.join("/", segments);
  }

  @Override
  public String toString() {
    return "AugmentedCopies[" + copies + " per image, seed " + seed + ", " + augmentation.describe() + "]";
  }

  /** What {@link #write} wrote. Immutable and thread-safe. */
  public static final class Result {

    private final List<AugmentedCopy> copies;
    private final Map<String, String> skipped;

    Result(List<AugmentedCopy> copies, Map<String, String> skipped) {
      this.copies = List.copyOf(copies);
      this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** Every copy written, originals in input order, copies of one original in order. */
    public List<AugmentedCopy> copies() {
      return copies;
    }

    /** Original id → the ids of its copies: the relevance judgements of protocol 1. */
    public Map<String, List<String>> copyIdsByOriginal() {
      Map<String, List<String>> byOriginal = new LinkedHashMap<>();
      for (AugmentedCopy copy : copies) {
        byOriginal.computeIfAbsent(copy.originalId(), id -> new ArrayList<>()).add(copy.id());
      }
      byOriginal.replaceAll((id, list) -> List.copyOf(list));
      return Collections.unmodifiableMap(byOriginal);
    }

    /** Originals that could not be decoded: id → the reason. */
    public Map<String, String> skipped() {
      return skipped;
    }
  }

  /**
   * Configures {@link AugmentedCopies}. Each setter validates at once; setting a value twice is an
   * error. Not thread-safe.
   */
  public static final class Builder {

    private Augmentation augmentation;
    private int copies = 1;
    private boolean copiesSet;
    private long seed;
    private boolean seedSet;
    private ImageDecoder decoder = ImageDecoder.defaults();
    private boolean decoderSet;

    private Builder() {}

    /** The augmentation the copies are made with. Required. */
    public Builder augmentation(Augmentation augmentation) {
      Objects.requireNonNull(augmentation, "augmentation");
      if (this.augmentation != null) {
        throw new IllegalStateException("augmentation was already set to " + this.augmentation.describe());
      }
      this.augmentation = augmentation;
      return this;
    }

    /**
     * How many copies of each original. If unset, 1 (as the notebook).
     *
     * @throws IllegalArgumentException unless in 1..1000
     */
    public Builder copiesPerImage(int copies) {
      if (copies < 1 || copies > 1000) {
        throw new IllegalArgumentException("copies per image must be in 1..1000: " + copies);
      }
      if (copiesSet) {
        throw new IllegalStateException("copies per image was already set to " + this.copies);
      }
      this.copies = copies;
      copiesSet = true;
      return this;
    }

    /** The seed all copies derive from. Required: an unseeded ground truth cannot be reproduced. */
    public Builder seed(long seed) {
      if (seedSet) {
        throw new IllegalStateException("seed was already set to " + this.seed);
      }
      this.seed = seed;
      seedSet = true;
      return this;
    }

    /** The decoder of the originals. If unset, {@link ImageDecoder#defaults()}. */
    public Builder decoder(ImageDecoder decoder) {
      Objects.requireNonNull(decoder, "decoder");
      if (decoderSet) {
        throw new IllegalStateException("decoder was already set");
      }
      this.decoder = decoder;
      decoderSet = true;
      return this;
    }

    /**
     * The configured generator.
     *
     * @throws IllegalStateException if the augmentation or the seed is missing
     */
    public AugmentedCopies build() {
      if (augmentation == null) {
        throw new IllegalStateException("an augmentation is required: call augmentation(...), e.g. Augmentation.notebook()");
      }
      if (!seedSet) {
        throw new IllegalStateException("a seed is required: call seed(...)");
      }
      return new AugmentedCopies(this);
    }
  }
}
