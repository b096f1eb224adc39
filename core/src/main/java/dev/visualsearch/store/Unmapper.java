package dev.visualsearch.store;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;

/**
 * Releases a file mapping at once. Java 17 unmaps a {@link MappedByteBuffer} only when it is
 * garbage collected, which keeps the file's pages (and, on Windows, the file itself) held for an
 * unknown time after an index is closed. {@code sun.misc.Unsafe.invokeCleaner} (module
 * {@code jdk.unsupported}, readable by default) unmaps immediately; it is found by reflection so
 * that a JVM without it still works and simply unmaps later. Reading a buffer after unmapping
 * crashes the JVM, so the caller must guarantee nothing reads it again.
 *
 * <p>Stateless and thread-safe.
 */
public final class Unmapper {

  private static final Object UNSAFE;
  private static final Method INVOKE_CLEANER;

  static {
    Object unsafe = null;
    Method invokeCleaner = null;
    try {
      Class<?> type = Class.forName("sun.misc.Unsafe");
      Field field = type.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      unsafe = field.get(null);
      invokeCleaner = type.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // No eager unmapping on this JVM: the garbage collector unmaps.
    }
    UNSAFE = unsafe;
    INVOKE_CLEANER = invokeCleaner;
  }

  private Unmapper() {}

  /** Unmaps {@code buffer} now if this JVM allows it; otherwise leaves it to the collector. */
  public static void unmap(MappedByteBuffer buffer) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invoke(UNSAFE, buffer);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Left to the garbage collector.
    }
  }
}
