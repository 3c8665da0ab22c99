package io.a3c.env.builtin;

/**
 * {@code (frame - mean) / std} with a running scalar mean and std of the frames seen so far: the
 * Java twin of {@code RunningNormalizer} in {@code env_server.py}, which the cropped-normalized
 * preprocessing applies to Atari frames.
 *
 * <p>Each frame's own mean and (population) standard deviation are smoothed with
 * {@value #ALPHA} and bias-corrected as Adam corrects its moments, so the first frame is already
 * normalised by its own figures. One instance belongs to one environment for its whole life.
 */
final class RunningNormalizer {
  static final double ALPHA = 0.9999;
  static final double EPSILON = 1e-8;

  private double mean;
  private double std;
  private long count;

  /** Normalises {@code frame} in place and returns it. */
  float[] apply(float[] frame) {
    double sum = 0;
    for (float v : frame) {
      sum += v;
    }
    double frameMean = sum / frame.length;
    double squares = 0;
    for (float v : frame) {
      squares += (v - frameMean) * (v - frameMean);
    }
    double frameStd = Math.sqrt(squares / frame.length);
    count++;
    mean = mean * ALPHA + frameMean * (1 - ALPHA);
    std = std * ALPHA + frameStd * (1 - ALPHA);
    double correction = 1 - Math.pow(ALPHA, count);
    double shift = mean / correction;
    double scale = std / correction + EPSILON;
    for (int i = 0; i < frame.length; i++) {
      frame[i] = (float) ((frame[i] - shift) / scale);
    }
    return frame;
  }
}
