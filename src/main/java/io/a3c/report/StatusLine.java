package io.a3c.report;

import java.util.Locale;

/**
 * The one-line training status a user watches: progress towards the limits, speed, the score of
 * recent games and time. Pure formatting, so the exact text is tested.
 */
public final class StatusLine {
  /** Shown for a value that does not exist yet (no finished game, no speed measured). */
  static final String NONE = "n/a";

  /**
   * A snapshot of a run.
   *
   * @param globalStep environment steps trained on
   * @param maxSteps the step limit, 0 for none
   * @param stepsPerSecond recent global steps per second
   * @param episodes finished games
   * @param meanScore mean unclipped score of the last 100 games, NaN before the first
   * @param elapsedSeconds wall-clock training time
   * @param maxSeconds the time limit in seconds, 0 for none
   */
  public record Status(long globalStep, long maxSteps, double stepsPerSecond, long episodes,
      double meanScore, double elapsedSeconds, double maxSeconds) {}

  private StatusLine() {}

  /**
   * Formats, for example, {@code step 1,234,560/50,000,000 (2.5%)  1,310 steps/s  episodes 412
   * mean score -20.3 (last 100)  elapsed 0:15:42  ETA 10:20:25}. The ETA is the time left until
   * the earlier of the two limits and appears only when a limit is set.
   */
  public static String format(Status s) {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "step %,d", s.globalStep()));
    if (s.maxSteps() > 0) {
      double percent = Math.min(100.0, 100.0 * s.globalStep() / s.maxSteps());
      line.append(String.format(Locale.ROOT, "/%,d (%.1f%%)", s.maxSteps(), percent));
    }
    line.append(String.format(Locale.ROOT, "  %,.0f steps/s", s.stepsPerSecond()));
    line.append(String.format(Locale.ROOT, "  episodes %,d", s.episodes()));
    line.append("  mean score ").append(Double.isNaN(s.meanScore())
        ? NONE : String.format(Locale.ROOT, "%.1f (last 100)", s.meanScore()));
    line.append("  elapsed ").append(duration(s.elapsedSeconds()));
    if (s.maxSeconds() > 0) {
      line.append('/').append(duration(s.maxSeconds()));
    }
    if (s.maxSteps() > 0 || s.maxSeconds() > 0) {
      double eta = secondsLeft(s);
      line.append("  ETA ").append(Double.isNaN(eta) ? NONE : duration(eta));
    }
    return line.toString();
  }

  /** Seconds until the earlier limit, NaN when only a step limit is set and no speed is known. */
  private static double secondsLeft(Status s) {
    double left = Double.POSITIVE_INFINITY;
    if (s.maxSteps() > 0 && s.stepsPerSecond() > 0) {
      left = (s.maxSteps() - s.globalStep()) / s.stepsPerSecond();
    }
    if (s.maxSeconds() > 0) {
      left = Math.min(left, s.maxSeconds() - s.elapsedSeconds());
    }
    return Double.isInfinite(left) ? Double.NaN : Math.max(0, left);
  }

  /** {@code H:MM:SS}, hours unbounded, whole seconds rounded down. */
  public static String duration(double seconds) {
    long total = (long) Math.max(0, seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
  }
}
