package dev.visualsearch.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a benchmark's {@code main} in several JVMs one after the other and reports the median of
 * each figure, for the hand-rolled ratio benchmarks (JMH forks on its own). On the project's
 * machines one JVM's figures differ from the next one's by far more than from one round to the
 * next, so a single JVM's result decides nothing.
 *
 * <p>The child prints its figures with {@link #figures}; the parent echoes every other line of
 * the child's output and, at the end, each figure's median with its range.
 */
public final class Forks {

  private static final String PREFIX = "#figures";

  private Forks() {}

  /**
   * Prints one machine-readable line of named figures, for the parent of a forked run.
   *
   * @param namesAndValues alternating names (String) and values (Number)
   */
  public static void figures(Object... namesAndValues) {
    StringBuilder line = new StringBuilder(PREFIX);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      line.append(' ').append(namesAndValues[i]).append('=')
          .append(((Number) namesAndValues[i + 1]).doubleValue());
    }
    System.out.println(line);
  }

  /**
   * Runs {@code main} of {@code benchmark} in {@code forks} new JVMs, one at a time, with this
   * JVM's options and class path and {@code args} (with {@code forks=1}); prints each fork's
   * output and then the medians.
   *
   * @throws IllegalStateException if a fork fails or prints no figures
   */
  public static void run(Class<?> benchmark, String[] args, int forks)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(benchmark.getName());
    for (String arg : args) {
      command.add(arg.startsWith("forks=") ? "forks=1" : arg);
    }
    Map<String, double[]> values = new LinkedHashMap<>();
    for (int fork = 0; fork < forks; fork++) {
      System.out.println("# fork " + (fork + 1) + " of " + forks);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      boolean sawFigures = false;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (!line.startsWith(PREFIX)) {
            System.out.println(line);
            continue;
          }
          sawFigures = true;
          for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            String[] nameValue = pair.split("=", 2);
            values.computeIfAbsent(nameValue[0], name -> new double[forks])[fork] =
                Double.parseDouble(nameValue[1]);
          }
        }
      }
      int exit = process.waitFor();
      if (exit != 0 || !sawFigures) {
        throw new IllegalStateException(
            "fork " + (fork + 1) + " exited with " + exit + (sawFigures ? "" : ", no figures"));
      }
    }
    System.out.println("# median of " + forks + " forks (min .. max):");
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      double[] sorted = e.getValue().clone();
      Arrays.sort(sorted);
      double median = forks % 2 == 1
          ? sorted[forks / 2]
          : (sorted[forks / 2 - 1] + sorted[forks / 2]) / 2;
      System.out.printf(Locale.ROOT, "  %-22s %8.2f  (%.2f .. %.2f)%n", e.getKey(), median,
          sorted[0], sorted[forks - 1]);
    }
  }
}
