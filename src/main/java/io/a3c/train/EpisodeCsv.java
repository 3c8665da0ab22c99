package io.a3c.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    try {
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        if (fresh) {
          out.write(HEADER);
          out.newLine();
        }
        for (EpisodeLog.Episode e : history.subList(written, history.size())) {
          out.write(String.format(Locale.ROOT, "%d,%.1f,%s,%d", e.globalStep(),
              e.elapsedSeconds() + elapsedOffset, e.score(), e.length()));
          out.newLine();
        }
      }
      written = history.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
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
