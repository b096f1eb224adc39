package dev.visualsearch.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file atomically: the content goes to a temporary file in the same directory, is
 * forced to the storage device, and is then renamed over the target. Readers (and a process that
 * starts after a crash) see either the old file or the complete new one, never a mix; a failed
 * write leaves the old file untouched and removes the temporary one.
 *
 * <p>Thread-safe: concurrent writes of the same target each use their own temporary file; the last
 * rename wins.
 */
public final class AtomicFile {

  /** Writes the content of a file. */
  @FunctionalInterface
  public interface ContentWriter {
    /** Writes the whole content to {@code out}; must not close it. */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code target} with the content {@code writer} produces, atomically.
   *
   * @throws IOException if writing or renaming fails (or {@code writer} throws); {@code target}
   *     then keeps its previous content, if it had any
   */
  public static void write(Path target, ContentWriter writer) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = createTemporary(directory, absolute.getFileName().toString());
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        writer.writeTo(out);
        out.flush();
        channel.force(true);
      }
      moveIntoPlace(temporary, absolute);
      moved = true;
      syncDirectory(directory);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /**
   * Creates an empty temporary file beside the target. Unlike {@link Files#createTempFile}, which
   * makes the file readable by its owner only, this keeps the permissions the umask gives, so the
   * saved file ends up with the same permissions as any other file the user creates.
   */
  private static Path createTemporary(Path directory, String targetName) throws IOException {
    while (true) {
      String unique = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      try {
        return Files.createFile(directory.resolve("." + targetName + "." + unique + ".partial"));
      } catch (FileAlreadyExistsException e) {
        // Another writer drew the same name: draw again.
      }
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "cannot replace " + target + " atomically: the file system does not support it", e);
    }
  }

  /**
   * Forces the directory entry of the rename to disk, so the new name survives a power loss. Not
   * every platform can open a directory for this (Windows cannot); there the rename is still
   * atomic, only not yet durable.
   */
  static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Durability of the rename is best effort where the platform does not allow it.
    }
  }
}
