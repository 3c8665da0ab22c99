package io.a3c.train;

import io.a3c.report.CsvAppender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code episodes.csv}: every finished game of a run, resumed runs included, so the learning
 * curve can be drawn from the run's whole history. Appended to at each checkpoint.
 */
public final class EpisodeCsv {
  public static final String HEADER = "global_step,elapsed_seconds,score,length";

  private final Path file;
  private int written;

  public EpisodeCsv(Path file) {
    this.file = file;
  }

  /**
   * Appends the games of {@code history} not yet written.
   *
   * @param elapsedOffset seconds trained before this process (a resumed run)
   */
  public synchronized void appendNew(List<EpisodeLog.Episode> history, double elapsedOffset) {
    if (history.size() <= written) {
      return;
    }
    StringBuilder rows = new StringBuilder();
    for (EpisodeLog.Episode e : history.subList(written, history.size())) {
      rows.append(String.format(Locale.ROOT, "%d,%.1f,%s,%d%n", e.globalStep(),
          e.elapsedSeconds() + elapsedOffset, e.score(), e.length()));
    }
    // Whole or nothing: after a failure (a full disk) the same games are written next time.
    CsvAppender.append(file, HEADER, rows.toString());
    written = history.size();
  }

  /** Every game in the file, oldest first; a torn last line (a crash mid-write) is skipped. */
  public List<EpisodeLog.Episode> readAll() {
    List<EpisodeLog.Episode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split(",");
        if (line.equals(HEADER) || f.length != 4) {
          continue;
        }
        try {
          out.add(new EpisodeLog.Episode(Long.parseLong(f[0]), Double.parseDouble(f[1]),
              Double.parseDouble(f[2]), Long.parseLong(f[3])));
        } catch (NumberFormatException torn) {
          // skip
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
