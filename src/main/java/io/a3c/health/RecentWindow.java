package io.a3c.health;

import java.util.Arrays;

/** The last {@code size} values of a figure; a ring buffer, not thread-safe. */
final class RecentWindow {
  private final double[] values;
  private int count;
  private int next;

  RecentWindow(int size) {
    values = new double[size];
  }

  void add(double value) {
    values[next] = value;
    next = (next + 1) % values.length;
    count = Math.min(count + 1, values.length);
  }

  boolean isFull() {
    return count == values.length;
  }

  int size() {
    return values.length;
  }

  /** Summed afresh each time (the window is small), so no rounding error builds up. */
  double mean() {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  double median() {
    if (count == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2]
        : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  }
}
