package io.a3c.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole rows to a run's CSV files or nothing at all. A write that fails half-way (a full
 * disk) is cut back to where it started, so the file never holds a torn row that a later append
 * would run into; a torn row from a crash ({@link TornLines}) is ended before new rows go on.
 */
public final class CsvAppender {
  private CsvAppender() {}

  /**
   * Appends {@code rows} (each ending in a newline) to {@code file}, with {@code header} first
   * when the file is new or empty.
   *
   * @throws UncheckedIOException naming the file; the file is as it was before the call
   */
  public static void append(Path file, String header, String rows) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      StringBuilder text = new StringBuilder();
      if (size == 0) {
        text.append(header).append('\n');
      } else if (lastByte(channel, size) != '\n') {
        text.append('\n');
      }
      text.append(rows);
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      try {
        long at = size;
        while (bytes.hasRemaining()) {
          at += channel.write(bytes, at);
        }
      } catch (IOException e) {
        cutBack(channel, size);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static byte lastByte(FileChannel channel, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0);
  }

  /** Truncation frees space, so it works on a full disk; a failure leaves the error to report. */
  private static void cutBack(FileChannel channel, long size) {
    try {
      channel.truncate(size);
    } catch (IOException ignored) {
      // the write's own error is the one worth reporting
    }
  }
}
