package io.a3c.eval;

import io.a3c.report.CsvAppender;
import io.a3c.report.CsvRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code eval.csv}: one row per evaluation during training, resumed runs included. A row is
 * written whole with one append, so a crash can tear at most the last line, which
 * {@link #readAll()} skips and the next append leaves on a line of its own.
 */
public final class EvalCsv {
  public static final String HEADER =
      "elapsed_seconds,global_step,mean,std,min,max,episodes,mean_length,eval_seconds";
  private static final int COLUMNS = 9;

  /**
   * One evaluation.
   *
   * @param elapsedSeconds training time of the run (resumed runs included) at the checkpoint
   *     evaluated
   * @param globalStep global step of the checkpoint evaluated
   * @param meanLength mean game length in steps
   * @param evalSeconds wall time the evaluation took
   */
  public record Row(double elapsedSeconds, long globalStep, double mean, double std, double min,
      double max, int episodes, double meanLength, double evalSeconds) {}

  private final Path file;

  public EvalCsv(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Appends one row (and the header to a new file), whole or not at all. */
  public synchronized void append(Row r) {
    CsvAppender.append(file, HEADER, String.format(Locale.ROOT,
        "%.1f,%d,%s,%s,%s,%s,%d,%.1f,%.1f%n", r.elapsedSeconds(), r.globalStep(), r.mean(),
        r.std(), r.min(), r.max(), r.episodes(), r.meanLength(), r.evalSeconds()));
  }

  /** Every row in the file, oldest first; a torn or foreign line is skipped. */
  public List<Row> readAll() {
    return CsvRows.read(file, HEADER, COLUMNS, f -> new Row(
        Double.parseDouble(f[0]), Long.parseLong(f[1]),
        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
        Double.parseDouble(f[5]), Integer.parseInt(f[6]), Double.parseDouble(f[7]),
        Double.parseDouble(f[8])));
  }
}
