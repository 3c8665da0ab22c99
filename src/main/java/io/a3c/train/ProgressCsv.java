package io.a3c.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Appends one row per progress report to {@code progress.csv}; resumed runs keep appending. */
public final class ProgressCsv implements AutoCloseable {
  public static final String HEADER =
      "elapsed_seconds,global_step,episodes,mean_score,steps_per_second";

  private final BufferedWriter out;

  public ProgressCsv(Path file) {
    try {
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (fresh) {
        out.write(HEADER);
        out.newLine();
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes and flushes one row, so a crash loses nothing already reported. */
  public synchronized void append(Progress p) {
    try {
      out.write(String.format(Locale.ROOT, "%.1f,%d,%d,%s,%.1f", p.elapsedSeconds(),
          p.globalStep(), p.episodes(),
          Double.isNaN(p.meanScore()) ? "" : String.format(Locale.ROOT, "%.3f", p.meanScore()),
          p.stepsPerSecond()));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
