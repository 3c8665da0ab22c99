package io.a3c.eval;

import io.a3c.report.CsvAppender;
import io.a3c.report.CsvRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code eval-games.csv}: one row per game of every evaluation during training, beside
 * {@code eval.csv}'s one row per evaluation. A mean hides whether its games differed: five equal
 * scores of five equal lengths after five different random starts say the starts did not make
 * the games differ. One evaluation's rows are written with one append, whole or not at all.
 */
public final class EvalGamesCsv {
  public static final String HEADER =
      "elapsed_seconds,global_step,game,score,length,random_start_steps,ending";
  private static final int COLUMNS = 7;

  /**
   * One game.
   *
   * @param elapsedSeconds training time of the run at the checkpoint evaluated
   * @param globalStep global step of the checkpoint evaluated
   * @param game the game's index within its evaluation, from 0
   * @param randomStartSteps random actions the game started with (0 without random starts)
   * @param ending {@link Evaluator.Ending#label()}
   */
  public record Row(double elapsedSeconds, long globalStep, int game, double score, long length,
      int randomStartSteps, String ending) {}

  private final Path file;

  public EvalGamesCsv(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Appends one evaluation's games (and the header to a new file), whole or not at all. */
  public synchronized void append(List<Row> rows) {
    StringBuilder text = new StringBuilder();
    for (Row r : rows) {
      text.append(String.format(Locale.ROOT, "%.1f,%d,%d,%s,%d,%d,%s%n", r.elapsedSeconds(),
          r.globalStep(), r.game(), r.score(), r.length(), r.randomStartSteps(), r.ending()));
    }
    CsvAppender.append(file, HEADER, text.toString());
  }

  /** Every row in the file, oldest first; a torn or foreign line is skipped. */
  public List<Row> readAll() {
    return CsvRows.read(file, HEADER, COLUMNS, f -> new Row(
        Double.parseDouble(f[0]), Long.parseLong(f[1]),
        Integer.parseInt(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]),
        Integer.parseInt(f[5]), f[6]));
  }
}
