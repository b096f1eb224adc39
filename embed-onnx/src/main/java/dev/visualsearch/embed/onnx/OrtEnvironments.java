package dev.visualsearch.embed.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * ONNX Runtime's environment (one per JVM, never closed), created on a thread of its own with a
 * large stack.
 *
 * <p>Why a thread: the first {@link OrtEnvironment#getEnvironment()} loads ONNX Runtime's native
 * library and creates its environment on the calling thread, and on Linux that crashed the whole
 * JVM (SIGSEGV, no error file) on threads with the JVM's default 1 MiB stack once the process's
 * command line was long (a class path of about 6 KiB or more, as test runners and IDEs pass). A
 * 4 MiB stack was enough; {@value #STACK_BYTES} bytes leave room. Sessions and runs are not
 * affected: they work from any thread once the environment exists.
 *
 * <p>Thread-safe.
 */
final class OrtEnvironments {

  static final long STACK_BYTES = 16L << 20;

  private static OrtEnvironment environment; // guarded by OrtEnvironments.class

  private OrtEnvironments() {}

  /**
   * The environment, created on first use.
   *
   * @throws IOException if ONNX Runtime's native library cannot be loaded or its environment
   *     cannot be created
   */
  static synchronized OrtEnvironment get() throws IOException {
    if (environment != null) {
      return environment;
    }
    OrtEnvironment[] created = new OrtEnvironment[1];
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                created[0] = OrtEnvironment.getEnvironment();
              } catch (Throwable t) { // an UnsatisfiedLinkError as well as an OrtException
                failure[0] = t;
              }
            },
            "visualsearch-onnxruntime-init",
            STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while loading ONNX Runtime");
    }
    if (failure[0] != null) {
      throw new IOException("cannot load ONNX Runtime: " + failure[0], failure[0]);
    }
    environment = created[0];
    return environment;
  }
}
