package dev.visualsearch.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * An {@link InteractionLog} in a JSON-lines file: one interaction per line, appended. Each batch
 * is written with one write and forced to the disk ({@code fsync}) before {@link #append}
 * returns, so an acknowledged interaction survives a crash of the machine; a line torn by a crash
 * during a write is skipped when reading, and ended when the file is opened again.
 *
 * <p>Thread-safe: appends and reads are serialised. Reading scans the whole file, which suits a
 * demo's volume; an interaction store replaces this for real traffic.
 */
public final class JsonLinesInteractionLog implements InteractionLog {

  private final Path file;
  private final FileChannel channel;

  private JsonLinesInteractionLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Opens {@code file} for appending, creating it and its folder if needed.
   *
   * @throws IOException if it cannot be created or opened
   */
  public static JsonLinesInteractionLog open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    try {
      endTornLine(file, channel);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new JsonLinesInteractionLog(file, channel);
  }

  /**
   * Ends a last line left without its newline by a crash, so that the next append starts a line
   * of its own instead of being glued to the torn one (and lost with it).
   */
  private static void endTornLine(Path file, FileChannel appender) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = reader.size();
      if (size == 0 || reader.read(last, size - 1) != 1) {
        return;
      }
    }
    if (last.get(0) != '\n') {
      appender.write(ByteBuffer.wrap(new byte[] {'\n'}));
      appender.force(false);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void append(List<Interaction> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (Interaction interaction : batch) {
      lines.append(new String(Json.render(json -> InteractionJson.write(json, interaction)),
          StandardCharsets.UTF_8)).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    channel.force(false);
  }

  @Override
  public synchronized List<Interaction> forUser(String user, int limit) throws IOException {
    Objects.requireNonNull(user, "user");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    Deque<Interaction> latest = new ArrayDeque<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        Interaction interaction = parseLine(line);
        if (interaction != null && interaction.user().equals(user)) {
          latest.addLast(interaction);
          if (latest.size() > limit) {
            latest.removeFirst();
          }
        }
      }
    }
    return new ArrayList<>(latest);
  }

  /** The interaction on {@code line}, or null for a line torn by a crash or edited by hand. */
  private static Interaction parseLine(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      List<Interaction> parsed =
          InteractionJson.parse(line.getBytes(StandardCharsets.UTF_8), Instant::now);
      return parsed.size() == 1 ? parsed.get(0) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "JsonLinesInteractionLog[" + file + "]";
  }
}
