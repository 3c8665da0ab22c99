package io.a3c.report;

/**
 * Trailing moving average, the smoothing of Atari learning curves ("mean of the last 100
 * episodes"): each point averages itself and up to {@code window - 1} points before it, so the
 * curve starts at the first episode instead of after {@code window} of them.
 */
public final class MovingAverage {
  private MovingAverage() {}

  /**
   * Returns {@code out[i] = mean(values[max(0, i - window + 1) .. i])}.
   *
   * @throws IllegalArgumentException if {@code window < 1}
   */
  public static double[] trailing(double[] values, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + window);
    }
    double[] out = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
      if (i >= window) {
        sum -= values[i - window];
      }
      out[i] = sum / Math.min(i + 1, window);
    }
    return out;
  }
}
