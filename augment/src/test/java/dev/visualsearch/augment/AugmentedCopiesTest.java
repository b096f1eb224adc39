package dev.visualsearch.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.testing.SharedData;
import dev.visualsearch.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ground truth from augmented copies, on real photos whose folder names end in a carriage return. */
class AugmentedCopiesTest {

  @TempDir Path dir;

  private static Map<String, Path> tuxpaintOriginals(int count) throws IOException {
    Path root = SharedData.data("tuxpaint");
    Map<String, Path> originals = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".png")).sorted().limit(count)
          .forEach(p -> originals.put(root.relativize(p).toString().replace('\\', '/'), p));
    }
    return originals;
  }

  @Test
  void writesCopiesWithSafeIdsAndTheMappingToTheirOriginals() throws IOException {
    long seed = TestPictures.seed("copies");
    Map<String, Path> originals = tuxpaintOriginals(3);
    assertThat(originals.keySet()).allSatisfy(id -> assertThat(id).contains("\r/"));
    Map<String, String> before = hashes(originals.values());

    AugmentedCopies.Result result =
        AugmentedCopies.builder().augmentation(Augmentation.notebook()).copiesPerImage(2).seed(seed).build()
            .write(originals, dir.resolve("out"));

    assertThat(result.copies()).hasSize(6);
    assertThat(result.skipped()).isEmpty();
    String first = originals.keySet().iterator().next();
    String stem = first.substring(0, first.lastIndexOf('.')).replace('\r', '_');
    assertThat(result.copyIdsByOriginal().get(first)).containsExactly(stem + "~aug1.png", stem + "~aug2.png");
    for (AugmentedCopy copy : result.copies()) {
      assertThat(copy.file()).isEqualTo(dir.resolve("out").resolve(copy.id())).isRegularFile();
      assertThat(copy.id()).doesNotContain("\r");
      // The recorded seed makes the same pixels again.
      var expected = Augmentation.notebook().apply(ImageDecoder.defaults().decode(originals.get(copy.originalId())), copy.seed());
      assertThat(TestPictures.rgb(ImageDecoder.defaults().decode(copy.file()))).isEqualTo(TestPictures.rgb(expected));
    }
    assertThat(hashes(originals.values())).as("originals untouched").isEqualTo(before);
  }

  @Test
  void theSameInputsGiveByteIdenticalFilesAndOneOriginalsCopiesDoNotDependOnTheOthers() throws IOException {
    long seed = TestPictures.seed("reproducible");
    Map<String, Path> originals = tuxpaintOriginals(3);
    AugmentedCopies copies = AugmentedCopies.builder().augmentation(Augmentation.notebook()).seed(seed).build();
    AugmentedCopies.Result a = copies.write(originals, dir.resolve("a"));
    AugmentedCopies.Result b = copies.write(originals, dir.resolve("b"));
    Map<String, Path> lastOnly = new LinkedHashMap<>();
    String last = List.copyOf(originals.keySet()).get(2);
    lastOnly.put(last, originals.get(last));
    AugmentedCopies.Result c = copies.write(lastOnly, dir.resolve("c"));

    for (int i = 0; i < a.copies().size(); i++) {
      assertThat(Files.readAllBytes(b.copies().get(i).file())).isEqualTo(Files.readAllBytes(a.copies().get(i).file()));
    }
    assertThat(Files.readAllBytes(c.copies().get(0).file())).isEqualTo(Files.readAllBytes(a.copies().get(2).file()));
  }

  @Test
  void undecodableOriginalsAreSkippedWithTheReasonAndTheRestAreWritten() throws IOException {
    Map<String, Path> originals = new LinkedHashMap<>();
    originals.put("bad.jpg", SharedData.data("formats/bad-truncated.jpg"));
    originals.put("good.png", SyntheticImages.writePng(TestPictures.pattern(20, 20, 1), dir.resolve("good.png")));
    AugmentedCopies.Result result =
        AugmentedCopies.builder().augmentation(Augmentation.notebook()).seed(1).build().write(originals, dir.resolve("out"));
    assertThat(result.skipped()).containsOnlyKeys("bad.jpg");
    assertThat(result.skipped().get("bad.jpg")).contains("bad-truncated.jpg");
    assertThat(result.copyIdsByOriginal()).containsOnlyKeys("good.png");
  }

  @Test
  void idsThatWouldCollideOrEscapeTheDirectoryAreHandled() {
    assertThat(AugmentedCopies.stem("a b/c?d.png")).isEqualTo("a_b/c_d");
    assertThat(AugmentedCopies.stem("../x.png")).isEqualTo("___/x");
    assertThat(AugmentedCopies.stem("/abs.png")).isEqualTo("_/abs");
    assertThat(AugmentedCopies.stem(".hidden")).isEqualTo(".hidden");
    Map<String, Path> clash = new LinkedHashMap<>();
    clash.put("a b.png", dir.resolve("1.png"));
    clash.put("a?b.png", dir.resolve("2.png"));
    AugmentedCopies copies = AugmentedCopies.builder().augmentation(Augmentation.notebook()).seed(1).build();
    assertThatThrownBy(() -> copies.write(clash, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a b.png' and 'a?b.png'");
  }

  @Test
  void theBuilderNeedsAnAugmentationAndASeed() {
    assertThatThrownBy(() -> AugmentedCopies.builder().seed(1).build()).hasMessageContaining("augmentation is required");
    assertThatThrownBy(() -> AugmentedCopies.builder().augmentation(Augmentation.notebook()).build())
        .hasMessageContaining("seed is required");
    assertThatThrownBy(() -> AugmentedCopies.builder().copiesPerImage(0)).hasMessage("copies per image must be in 1..1000: 0");
    assertThatThrownBy(() -> AugmentedCopies.builder().seed(1).seed(2)).hasMessage("seed was already set to 1");
  }

  private static Map<String, String> hashes(Iterable<Path> files) throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        hashes.put(file.toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
    return hashes;
  }
}
