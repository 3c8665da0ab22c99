package io.a3c.env.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RunningNormalizerTest {
  private static final double A = RunningNormalizer.ALPHA;

  @Test
  void theFirstFrameIsNormalisedByItsOwnMeanAndStd() {
    // [0, 1, 2, 3]: mean 1.5, population std sqrt(1.25); bias correction undoes the smoothing.
    double std = Math.sqrt(1.25);
    float[] expected = {
        (float) (-1.5 / std), (float) (-0.5 / std), (float) (0.5 / std), (float) (1.5 / std)};
    assertArrayEquals(expected, new RunningNormalizer().apply(new float[] {0, 1, 2, 3}), 1e-6f);
  }

  @Test
  void laterFramesUseTheBiasCorrectedRunningFigures() {
    RunningNormalizer normalizer = new RunningNormalizer();
    normalizer.apply(new float[] {0, 1, 2, 3});
    // [2, 2, 2, 6]: mean 3, std sqrt(3). After two frames the corrected running figures are
    // (A * first + second) / (1 + A): mean 2.2500375, std 1.4250577.
    double mean = (A * 1.5 + 3) / (1 + A);
    double std = (A * Math.sqrt(1.25) + Math.sqrt(3)) / (1 + A);
    float low = (float) ((2 - mean) / std);
    float high = (float) ((6 - mean) / std);
    // The same numbers as env_server.py's RunningNormalizer: -0.17545775 and 2.631446.
    assertArrayEquals(new float[] {-0.17545775f, -0.17545775f, -0.17545775f, 2.631446f},
        new float[] {low, low, low, high}, 1e-6f);
    assertArrayEquals(new float[] {low, low, low, high},
        normalizer.apply(new float[] {2, 2, 2, 6}), 1e-6f);
  }

  @Test
  void aConstantFrameStaysFinite() {
    // std 0: epsilon keeps the division finite, and every pixel equals the mean.
    assertArrayEquals(new float[] {0, 0}, new RunningNormalizer().apply(new float[] {0.3f, 0.3f}),
        1e-6f);
  }
}
