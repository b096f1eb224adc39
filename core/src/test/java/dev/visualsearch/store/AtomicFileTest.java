package dev.visualsearch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir Path dir;

  @Test
  void writesTheWholeContent() throws IOException {
    Path target = dir.resolve("a.txt");
    AtomicFile.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
    AtomicFile.write(target, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(target)).isEqualTo("second");
    assertThat(filesIn(dir)).containsExactly("a.txt");
  }

  @Test
  void theFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Path target = dir.resolve("atomic.txt");
    AtomicFile.write(target, out -> out.write(1));
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(target))
          .isEqualTo(Files.getPosixFilePermissions(plain));
    }
  }

  @Test
  void aFailedWriteKeepsThePreviousFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("index.bin");
    AtomicFile.write(target, out -> out.write("good".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(
            () ->
                AtomicFile.write(
                    target,
                    out -> {
                      out.write(new byte[1 << 20]); // more than the buffer: partly on disk
                      throw new IOException("disk full (simulated)");
                    }))
        .hasMessage("disk full (simulated)");

    assertThat(Files.readString(target)).isEqualTo("good");
    assertThat(filesIn(dir)).containsExactly("index.bin");
  }

  @Test
  void aRuntimeFailureAlsoCleansUp() throws IOException {
    Path target = dir.resolve("new.bin");
    assertThatThrownBy(
            () ->
                AtomicFile.write(
                    target,
                    out -> {
                      out.write(1);
                      throw new IllegalStateException("bug in the writer");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(filesIn(dir)).isEmpty();
  }

  private static Stream<String> filesInStream(Path dir) throws IOException {
    return Files.list(dir).map(p -> p.getFileName().toString());
  }

  private static java.util.List<String> filesIn(Path dir) throws IOException {
    try (Stream<String> names = filesInStream(dir)) {
      return names.sorted().toList();
    }
  }
}
