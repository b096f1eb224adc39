package dev.visualsearch.benchmarks.embed;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts images, so that JMH reports images per second (the secondary result {@code
 * <benchmark>:images}, in ops/s) beside the passes per second of the primary score, and the
 * process's CPU time ({@code <benchmark>:cpuNanos}, reported as CPU nanoseconds per second).
 * Their ratio is the CPU cost per image, which a shared, loaded machine distorts far less than
 * wall-clock throughput: on an idle machine with {@code n} cores the throughput can reach about
 * {@code n / (CPU seconds per image)}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ImageCounter {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** Images finished in this iteration. */
  public long images;

  /** CPU time the whole process used in this iteration's operations (all its threads). */
  public long cpuNanos;

  /** Starts each iteration from zero. */
  @Setup(Level.Iteration)
  public void reset() {
    images = 0;
    cpuNanos = 0;
  }

  /** The process's CPU time so far, in nanoseconds. */
  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }
}
