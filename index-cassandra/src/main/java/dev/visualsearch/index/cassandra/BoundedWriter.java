package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs many statements asynchronously with at most {@code permits} in flight, then waits for all
 * of them; the first failure is reported after the others have finished, so that no request is
 * still running when the caller sees the error.
 *
 * <p>Not thread-safe: one writer serves one bulk call.
 */
final class BoundedWriter {

  private final CqlSession session;
  private final int permits;
  private final Semaphore inFlight;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  BoundedWriter(CqlSession session, int permits) {
    this.session = session;
    this.permits = permits;
    this.inFlight = new Semaphore(permits);
  }

  /** Sends {@code statement} once a slot is free; stops sending after the first failure. */
  void submit(Statement<?> statement) {
    if (failure.get() != null) {
      return;
    }
    inFlight.acquireUninterruptibly();
    CompletionStage<?> stage = session.executeAsync(statement);
    stage.whenComplete(
        (result, error) -> {
          if (error != null) {
            failure.compareAndSet(null, unwrap(error));
          }
          inFlight.release();
        });
  }

  /** Waits for every statement; rethrows the first failure. */
  void finish() {
    inFlight.acquireUninterruptibly(permits);
    inFlight.release(permits);
    RuntimeException first = failure.get();
    if (first != null) {
      throw first;
    }
  }

  private static RuntimeException unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException
        ? (RuntimeException) cause
        : new IllegalStateException(cause);
  }
}
