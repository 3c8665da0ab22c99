package io.a3c.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Every finished game of a run, shared by the workers: counts, the mean score of the last 100
 * games, and the full history for the learning curve.
 */
public final class EpisodeLog {
  /** Games in the moving mean, as in the usual Atari reporting. */
  public static final int WINDOW = 100;

  /** One finished game. */
  public record Episode(long globalStep, double elapsedSeconds, double score, long length) {}

  private final List<Episode> episodes = new ArrayList<>();
  private final double[] recent = new double[WINDOW];
  private long count;
  private long offset;

  /** Starts counting after {@code previous} games (a resumed run). */
  public EpisodeLog(long previous) {
    this.offset = previous;
  }

  public EpisodeLog() {
    this(0);
  }

  public synchronized void add(Episode e) {
    episodes.add(e);
    recent[(int) (count % WINDOW)] = e.score();
    count++;
  }

  /** Games finished in this run and the runs it resumed. */
  public synchronized long episodes() {
    return offset + count;
  }

  /** Mean score of the last {@value #WINDOW} games of this process, NaN before the first. */
  public synchronized double meanScore() {
    int n = (int) Math.min(count, WINDOW);
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += recent[i];
    }
    return sum / n;
  }

  public synchronized List<Episode> history() {
    return List.copyOf(episodes);
  }
}
