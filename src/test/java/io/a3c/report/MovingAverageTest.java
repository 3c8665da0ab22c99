package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MovingAverageTest {

  @Test
  void averagesFewerPointsAtTheStart() {
    // [1], [1,2], [1,2,3], [2,3,7], [3,7,-2]
    double[] mean = MovingAverage.trailing(new double[] {1, 2, 3, 7, -2}, 3);
    assertArrayEquals(new double[] {1, 1.5, 2, 4, 8.0 / 3}, mean, 1e-12);
  }

  @Test
  void aWindowOfOneIsTheSeriesItself() {
    double[] values = {4, -1, 0.5};
    assertArrayEquals(values, MovingAverage.trailing(values, 1), 0);
  }

  @Test
  void aWindowLongerThanTheSeriesIsTheRunningMean() {
    assertArrayEquals(new double[] {2, 3, 4}, MovingAverage.trailing(new double[] {2, 4, 6}, 100),
        1e-12);
  }

  @Test
  void emptyInEmptyOut() {
    assertArrayEquals(new double[0], MovingAverage.trailing(new double[0], 100), 0);
  }

  @Test
  void rejectsAnEmptyWindow() {
    assertThrows(IllegalArgumentException.class,
        () -> MovingAverage.trailing(new double[] {1}, 0));
  }
}
