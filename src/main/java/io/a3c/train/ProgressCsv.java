package io.a3c.train;

import io.a3c.report.CsvAppender;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Appends one row per progress report to {@code progress.csv}; resumed runs keep appending. Each
 * row is written whole or not at all ({@link CsvAppender}), straight to the file, so a crash
 * loses nothing already reported and a full disk leaves no torn row.
 */
public final class ProgressCsv {
  public static final String HEADER =
      "elapsed_seconds,global_step,episodes,mean_score,steps_per_second";

  private final Path file;

  public ProgressCsv(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /**
   * Writes one row (and the header to a new file).
   *
   * @throws java.io.UncheckedIOException if it cannot; the file is unchanged
   */
  public synchronized void append(Progress p) {
    CsvAppender.append(file, HEADER, String.format(Locale.ROOT, "%.1f,%d,%d,%s,%.1f%n",
        p.elapsedSeconds(), p.globalStep(), p.episodes(),
        Double.isNaN(p.meanScore()) ? "" : String.format(Locale.ROOT, "%.3f", p.meanScore()),
        p.stepsPerSecond()));
  }
}
