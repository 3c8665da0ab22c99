package io.a3c.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Repairs a CSV file whose last line a crash cut short (kill -9 mid-write): the partial line is
 * removed, with a warning, so rows appended by a resumed run start on a line of their own.
 */
public final class TornLines {
  private static final Logger LOG = LogManager.getLogger(TornLines.class);
  private static final int CHUNK = 4096;

  private TornLines() {}

  /**
   * Cuts {@code file} after its last newline if it does not end with one.
   *
   * @return the bytes removed (0 for a whole file or no file)
   */
  public static long repair(Path file) {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = channel.size();
      long keep = size;
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      // Search backwards for the last newline.
      search:
      while (keep > 0) {
        long start = Math.max(0, keep - CHUNK);
        buffer.clear().limit((int) (keep - start));
        channel.read(buffer, start);
        for (int i = buffer.position() - 1; i >= 0; i--) {
          if (buffer.get(i) == '\n') {
            keep = start + i + 1;
            break search;
          }
        }
        keep = start;
      }
      if (keep == size) {
        return 0;
      }
      channel.truncate(keep);
      LOG.warn("{}: removed a line cut short by a crash ({} bytes)", file, size - keep);
      return size - keep;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair " + file, e);
    }
  }
}
