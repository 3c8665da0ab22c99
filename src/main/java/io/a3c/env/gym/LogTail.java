package io.a3c.env.gym;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The end of a child's log, to put the Python error into a one-line message. */
final class LogTail {
  private static final int TAIL_BYTES = 8192;
  private static final int MAX_LINE = 300;

  private LogTail() {}

  /** The last non-blank line of {@code file}, trimmed and shortened; "" if none. */
  static String lastLine(Path file) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int n = (int) Math.min(length, TAIL_BYTES);
      byte[] bytes = new byte[n];
      raf.seek(length - n);
      raf.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      for (int i = lines.length - 1; i >= 0; i--) {
        String line = lines[i].strip();
        if (!line.isEmpty()) {
          return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "...";
        }
      }
      return "";
    } catch (IOException e) {
      return "";
    }
  }
}
