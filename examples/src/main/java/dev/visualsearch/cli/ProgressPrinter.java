package dev.visualsearch.cli;

import dev.visualsearch.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints indexing progress — count, images per second, time left — to standard error: in place on
 * a terminal, a line every few seconds otherwise (a log file should not fill with updates).
 */
final class ProgressPrinter implements ProgressListener {

  private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
  private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal = System.console() != null;
  private final long start = System.nanoTime();
  private long lastPrint;

  ProgressPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void progress(int processed, int skipped, int total) {
    long now = System.nanoTime();
    boolean done = processed == total;
    long interval = terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
    if (!done && now - lastPrint < interval) {
      return;
    }
    lastPrint = now;
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? processed / seconds : 0;
    String eta = rate > 0 ? formatDuration((total - processed) / rate) : "?";
    String line =
        String.format(
            Locale.ROOT,
            "%d/%d images (%d skipped), %.1f images/s, ETA %s",
            processed,
            total,
            skipped,
            rate,
            eta);
    if (terminal) {
      err.print("\r" + line + (done ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }

  static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
