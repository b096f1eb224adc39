package dev.visualsearch.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code visualsearch} command line: index a folder of images, search it, describe a saved
 * collection, evaluate answer quality. Results go to standard output, progress and diagnostics to
 * standard error.
 *
 * <p>Exit codes: 0 success, 1 the command failed (the message says why), 2 the command line is
 * wrong.
 */
@Command(
    name = "visualsearch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Visual search: index images with an ONNX model and find the ones that look alike.",
    subcommands = {
      IndexCommand.class,
      SearchCommand.class,
      SimilarCommand.class,
      DedupCommand.class,
      ClusterCommand.class,
      InfoCommand.class,
      EvalCommand.class,
      ModelsCommand.class,
      ServeCommand.class,
      ReplayCommand.class,
      FeaturesCommand.class
    })
public final class VisualSearchCli implements Runnable {

  /** Exit code of a command that failed at run time. */
  static final int FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests: no {@code System.exit}). */
  static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new VisualSearchCli());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          PrintWriter err = cmd.getErr();
          err.println("visualsearch " + cmd.getCommandName() + ": " + explain(exception));
          if (Boolean.getBoolean("visualsearch.debug")) {
            exception.printStackTrace(err);
          }
          err.flush();
          return FAILED;
        });
    return commandLine;
  }

  /** Without a command there is nothing to do: a usage error (exit code 2). */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required command: index, search, info, eval or serve");
  }

  /** A message a person understands: the JDK's file exceptions say only the path. */
  static String explain(Throwable exception) {
    String message = exception.getMessage();
    if (exception instanceof NoSuchFileException e) {
      return e.getReason() != null ? e.getFile() + ": " + e.getReason() : "no such file: " + e.getFile();
    }
    if (exception instanceof NotDirectoryException e) {
      return "not a directory: " + e.getFile();
    }
    if (exception instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (exception instanceof FileAlreadyExistsException e) {
      return e.getReason() != null ? e.getFile() + ": " + e.getReason() : "already exists: " + e.getFile();
    }
    return message != null ? message : exception.toString();
  }
}
