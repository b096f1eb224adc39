package dev.visualsearch.index.hnsw;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects a range of nodes to the graph with several threads: the calling thread and {@code
 * threads − 1} helpers take the next node from a shared counter until none is left. The graph is
 * then as good as a sequential build's, but which neighbours a node gets depends on how the
 * threads interleave, so only a one-thread build is reproducible bit for bit.
 *
 * <p>Stateless and thread-safe; the caller holds the index's write lock for the whole call, so
 * the builders are the only threads touching the graph.
 */
final class ParallelInsertion {

  private ParallelInsertion() {}

  /**
   * Inserts nodes {@code [from, to)} with {@code inserter}, which must have been made with {@link
   * NodeLocks} when {@code threads > 1}.
   *
   * @throws RuntimeException or {@link Error} the first failure of any thread, after all stopped
   */
  static void insert(NodeInserter inserter, int from, int to, int threads, ScratchPool scratches) {
    AtomicInteger next = new AtomicInteger(from);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          SearchScratch scratch = scratches.acquire();
          try {
            for (int node = next.getAndIncrement(); node < to; node = next.getAndIncrement()) {
              if (failure.get() != null) {
                return;
              }
              inserter.insert(node, scratch);
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          } finally {
            scratches.release(scratch);
          }
        };
    int helpers = Math.max(0, Math.min(threads, to - from) - 1);
    Thread[] started = new Thread[helpers];
    for (int i = 0; i < helpers; i++) {
      started[i] = new Thread(worker, "hnsw-build-" + (i + 1));
      started[i].setDaemon(true);
      started[i].start();
    }
    worker.run();
    joinAll(started);
    Throwable first = failure.get();
    if (first instanceof RuntimeException) {
      throw (RuntimeException) first;
    }
    if (first instanceof Error) {
      throw (Error) first;
    }
    if (first != null) {
      throw new IllegalStateException("building the graph failed", first);
    }
  }

  /**
   * Waits for every helper, even when interrupted: the graph is only consistent once they are
   * done, and returning earlier would let a search read lists they are still writing. The
   * interrupt is kept for the caller.
   */
  private static void joinAll(Thread[] threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
