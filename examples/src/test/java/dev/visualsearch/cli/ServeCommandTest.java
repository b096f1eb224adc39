package dev.visualsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} fails fast, with a message, before it would start listening. */
class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void aMissingCollectionIsReportedAndNothingIsServed() {
    Path missing = dir.resolve("no-index");
    CliRun run = CliRun.of("serve", "--index", missing.toString(), "--port", "0");
    assertThat(run.exitCode()).isEqualTo(VisualSearchCli.FAILED);
    assertThat(run.err()).contains("visualsearch serve: ").contains(missing.toString());
  }

  @Test
  void aBadLimitIsRefused() {
    CliRun run = CliRun.of("serve", "--index", dir.toString(), "--max-upload-mb", "0");
    assertThat(run.exitCode()).isEqualTo(VisualSearchCli.FAILED);
    assertThat(run.err()).contains("--max-upload-mb must be at least 1: 0");
  }

  @Test
  void helpListsTheOptions() {
    CliRun run = CliRun.of("serve", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--index", "--port", "--host", "--interactions",
        "--max-upload-mb", "--max-pixels", "--max-concurrent", "127.0.0.1");
  }
}
