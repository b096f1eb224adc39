package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs many idempotent writes asynchronously with at most {@code permits} in flight, then waits
 * for all of them. A write whose replicas time out is sent again, up to {@value #RETRIES} times
 * (safe, since the writes are idempotent; the driver's default policy does not retry them); the
 * first failure that remains is reported after the other writes have finished, so that no request
 * is still running when the caller sees the error.
 *
 * <p>Not thread-safe: one writer serves one bulk call.
 */
final class BoundedWriter {

  static final int RETRIES = 3;

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
    send(statement, 0);
  }

  private void send(Statement<?> statement, int attempt) {
    session
        .executeAsync(statement)
        .whenComplete(
            (result, error) -> {
              if (error == null) {
                inFlight.release();
                return;
              }
              RuntimeException cause = unwrap(error);
              if (cause instanceof WriteTimeoutException && attempt < RETRIES && failure.get() == null) {
                send(statement, attempt + 1);
                return;
              }
              failure.compareAndSet(null, cause);
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

  /** Runs one statement the same way, waiting for it. */
  static void execute(CqlSession session, Statement<?> statement) {
    BoundedWriter writer = new BoundedWriter(session, 1);
    writer.submit(statement);
    writer.finish();
  }

  private static RuntimeException unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException
        ? (RuntimeException) cause
        : new IllegalStateException(cause);
  }
}
