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
  /** The last {@link #WINDOW} scores, a ring: {@code next} is the oldest once it is full. */
  private final double[] recent = new double[WINDOW];
  private int next;
  private int recentCount;
  private long count;
  private final long offset;

  /**
   * Starts counting after {@code previous} games (a resumed run), with the scores of its last
   * games in the moving mean, so a resumed run does not show "n/a" until 100 new games.
   *
   * @param previousScores scores of the resumed runs' games, oldest first (only the last
   *     {@value #WINDOW} count)
   */
  public EpisodeLog(long previous, List<Double> previousScores) {
    this.offset = previous;
    for (double score : previousScores.subList(Math.max(0, previousScores.size() - WINDOW),
        previousScores.size())) {
      remember(score);
    }
  }

  /** Starts counting after {@code previous} games (a resumed run). */
  public EpisodeLog(long previous) {
    this(previous, List.of());
  }

  public EpisodeLog() {
    this(0);
  }

  public synchronized void add(Episode e) {
    episodes.add(e);
    remember(e.score());
    count++;
  }

  private void remember(double score) {
    recent[next] = score;
    next = (next + 1) % WINDOW;
    recentCount = Math.min(WINDOW, recentCount + 1);
  }

  /** Games finished in this run and the runs it resumed. */
  public synchronized long episodes() {
    return offset + count;
  }

  /** Mean score of the last {@value #WINDOW} games, resumed runs' included; NaN before any. */
  public synchronized double meanScore() {
    if (recentCount == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < recentCount; i++) {
      sum += recent[i];
    }
    return sum / recentCount;
  }

  public synchronized List<Episode> history() {
    return List.copyOf(episodes);
  }
}
