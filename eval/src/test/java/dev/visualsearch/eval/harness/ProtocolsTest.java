package dev.visualsearch.eval.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.augment.Augmentation;
import dev.visualsearch.augment.ImageOps;
import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each protocol puts in the collection, the queries and the judgements. */
class ProtocolsTest {

  @TempDir Path dir;

  @Test
  void labelsOnTheSharedTuxpaintDataMakeEveryImageWithACategoryMateAQuery() throws IOException {
    Benchmark benchmark = new LabelsProtocol(SharedData.data("tuxpaint/labels.csv")).build("labels");
    assertThat(benchmark.items()).hasSize(376);
    // Nine categories hold a single image (vehicles/race, food/spices, ...): indexed, not queried.
    assertThat(benchmark.queries()).hasSize(367);
    assertThat(benchmark.notes()).containsExactly("9 images are the only ones with their label: indexed, but not queries");
    Benchmark.Query first = benchmark.queries().get(0);
    assertThat(first.id()).startsWith("animals-amphibians\r/");
    assertThat(first.excluded()).containsExactly(first.id());
    assertThat(benchmark.qrels().relevant(first.id())).hasSize(1).allSatisfy(id -> assertThat(id).startsWith("animals-amphibians\r/"));
    String mammal = benchmark.queries().stream().map(Benchmark.Query::id).filter(id -> id.startsWith("animals-mammals")).findFirst().orElseThrow();
    assertThat(benchmark.qrels().relevantCount(mammal)).isEqualTo(64);
  }

  @Test
  void labelPathsWithoutTheCarriageReturnStillFindTheFolders() throws IOException {
    Path data = dir.resolve("data");
    Pictures.write(data.resolve("birds\r"), "bird", 2, 1);
    Pictures.write(data.resolve("fish"), "fish", 2, 2);
    Files.writeString(data.resolve("labels.csv"),
        "path,category\r\nbirds/bird-00.png,birds\r\nbirds/bird-01.png,birds\r\nfish\r/fish-00.png,fish\r\n"
            + "fish/fish-01.png,fish\r\nfish/missing.png,fish\r\n", StandardCharsets.UTF_8);
    Benchmark benchmark = new LabelsProtocol(data.resolve("labels.csv")).build("labels");
    assertThat(benchmark.items()).extracting(Benchmark.Item::id)
        .containsExactly("birds\r/bird-00.png", "birds\r/bird-01.png", "fish/fish-00.png", "fish/fish-01.png");
    assertThat(benchmark.qrels().relevant("birds\r/bird-00.png")).containsExactly("birds\r/bird-01.png");
    assertThat(benchmark.notes()).containsExactly("labelled path fish/missing.png left out: no such image");
  }

  @Test
  void groupsOnTheSharedPairsHideThePartnersAmongDistractors() throws IOException {
    Benchmark benchmark =
        new GroupsProtocol(SharedData.data("pairs/groups.csv"), List.of(SharedData.data("photos"))).build("groups");
    assertThat(benchmark.queries()).hasSize(22);
    assertThat(benchmark.items()).hasSize(22 + 17);
    assertThat(benchmark.qrels().relevant("pairs/box.png")).containsExactly("pairs/box_in_scene.png");
    assertThat(benchmark.items()).extracting(Benchmark.Item::id).contains("photos/baboon.jpg");
    assertThat(benchmark.queries()).allSatisfy(q -> assertThat(q.excluded()).containsExactly(q.id()));

    // The whole data folder as distractors: the pairs themselves are not added twice.
    Benchmark all = new GroupsProtocol(SharedData.data("pairs/groups.csv"), List.of(SharedData.data(""))).build("all");
    assertThat(all.items().stream().filter(i -> i.id().startsWith("pairs/")).count()).isEqualTo(22);
  }

  @Test
  void augmentedCopiesHideTheCopiesOfSeededTestImagesAmongTheRest() throws IOException {
    Path images = dir.resolve("images");
    Pictures.write(images, "img", 12, 3);
    Augmentation augmentation = Augmentation.builder().then(ImageOps.flipHorizontal()).build();
    AugmentedCopiesProtocol protocol = new AugmentedCopiesProtocol(images, 4, 2, augmentation, 42);
    Benchmark benchmark = protocol.build("augmented", dir.resolve("work"));

    assertThat(benchmark.queries()).hasSize(4);
    assertThat(benchmark.items()).hasSize(8 + 8);
    Set<String> itemIds = Set.copyOf(benchmark.items().stream().map(Benchmark.Item::id).toList());
    for (Benchmark.Query query : benchmark.queries()) {
      assertThat(itemIds).doesNotContain(query.id());
      assertThat(query.excluded()).isEmpty();
      String stem = query.id().replace(".png", "");
      assertThat(benchmark.qrels().relevant(query.id()))
          .containsExactly("augmented/" + stem + "~aug1.png", "augmented/" + stem + "~aug2.png");
    }
    assertThat(benchmark.description()).contains("seed 42").contains("flip-horizontal");

    Benchmark again = protocol.build("augmented", dir.resolve("work2"));
    assertThat(again.queries()).extracting(Benchmark.Query::id)
        .containsExactlyElementsOf(benchmark.queries().stream().map(Benchmark.Query::id).toList());
    Benchmark otherSeed = new AugmentedCopiesProtocol(images, 4, 2, augmentation, 43).build("augmented", dir.resolve("work3"));
    assertThat(otherSeed.queries()).extracting(Benchmark.Query::id)
        .isNotEqualTo(benchmark.queries().stream().map(Benchmark.Query::id).toList());

    assertThatThrownBy(() -> new AugmentedCopiesProtocol(images, 12, 1, augmentation, 1).build("x", dir.resolve("w")))
        .hasMessageContaining("holds 12 images");
    assertThatThrownBy(() -> new AugmentedCopiesProtocol(images, 0, 1, augmentation, 1))
        .hasMessage("query count must be at least 1: 0");
  }

  @Test
  void givenQrelsKeepWhatExistsAndNoteTheRest() throws IOException {
    Path images = dir.resolve("c");
    Pictures.write(images, "img", 3, 4);
    Files.writeString(dir.resolve("q.qrels"), "img-00.png 0 img-01.png 1\nimg-00.png 0 gone.png 1\nnone.png 0 img-01.png 1\n");
    Benchmark benchmark = new QrelsProtocol(images, images, dir.resolve("q.qrels")).build("given");
    assertThat(benchmark.queries()).extracting(Benchmark.Query::id).containsExactly("img-00.png");
    assertThat(benchmark.queries().get(0).excluded()).containsExactly("img-00.png");
    assertThat(benchmark.qrels().relevant("img-00.png")).containsExactly("img-01.png");
    assertThat(benchmark.notes()).hasSize(2);
  }

  @Test
  void benchmarksRefuseInconsistentContents() {
    var qrels = dev.visualsearch.eval.Qrels.binary(java.util.Map.of("q", List.of("missing")));
    assertThatThrownBy(() -> new Benchmark("b", "", List.of(), List.of(), qrels, List.of()))
        .hasMessageContaining("judges 'missing', which is not an item");
    assertThatThrownBy(() -> new Benchmark("a b", "", List.of(), List.of(), dev.visualsearch.eval.Qrels.builder().build(), List.of()))
        .hasMessageContaining("'a b'");
  }
}
