package dev.visualsearch.benchmarks.embed;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts images, so that JMH reports images per second (the secondary result {@code
 * <benchmark>:images}, in ops/s) beside the passes per second of the primary score.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ImageCounter {

  /** Images finished in this iteration. */
  public long images;

  /** Starts each iteration from zero. */
  @Setup(Level.Iteration)
  public void reset() {
    images = 0;
  }
}
