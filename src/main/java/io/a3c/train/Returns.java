package io.a3c.train;

/**
 * Returns and advantages of one rollout: pure functions, no TensorFlow.
 *
 * <p>For rewards {@code r_0..r_{n-1}}, values {@code V_0..V_{n-1}} and a bootstrap value
 * {@code V_n} (the critic's estimate of the state after the rollout, 0 when that state is
 * terminal):
 *
 * <ul>
 *   <li>returns {@code R_t = r_t + gamma R_{t+1}} with {@code R_n = V_n};
 *   <li>advantages by GAE: {@code delta_t = r_t + gamma V_{t+1} - V_t},
 *       {@code A_t = sum_k (gamma lambda)^k delta_{t+k}}. With lambda = 1 this is
 *       {@code R_t - V_t}, the reference's advantage.
 * </ul>
 */
public final class Returns {
  private Returns() {}

  /**
   * Returns and GAE advantages of one sequence that may contain episode boundaries.
   *
   * @param endValues for each step, NaN when the episode continues into the next step, otherwise
   *     the value of the state after the step where the sequence's episode ended or was cut: 0
   *     for a terminal state, V(s') after a time limit or an interruption
   * @param bootstrap V of the state after the last step, used unless step {@code n-1} ended
   * @param returnsOut receives {@code R_t}
   * @param advantagesOut receives {@code A_t}
   */
  public static void compute(float[] rewards, float[] values, float[] endValues, int n,
      double gamma, double lambda, double bootstrap, float[] returnsOut, float[] advantagesOut) {
    double nextReturn = bootstrap;
    double nextValue = bootstrap;
    double gae = 0;
    for (int t = n - 1; t >= 0; t--) {
      if (!Float.isNaN(endValues[t])) {
        // Nothing flows back across an episode boundary.
        nextReturn = endValues[t];
        nextValue = endValues[t];
        gae = 0;
      }
      nextReturn = rewards[t] + gamma * nextReturn;
      returnsOut[t] = (float) nextReturn;
      double delta = rewards[t] + gamma * nextValue - values[t];
      gae = delta + gamma * lambda * gae;
      advantagesOut[t] = (float) gae;
      nextValue = values[t];
    }
  }

  /** Discounted returns of {@code rewards[0..n)}, bootstrapped with {@code bootstrap}. */
  public static float[] discounted(float[] rewards, int n, double gamma, double bootstrap) {
    float[] out = new float[n];
    double running = bootstrap;
    for (int t = n - 1; t >= 0; t--) {
      running = rewards[t] + gamma * running;
      out[t] = (float) running;
    }
    return out;
  }

  /** GAE(gamma, lambda) advantages of {@code rewards[0..n)} given {@code values[0..n)}. */
  public static float[] advantages(float[] rewards, float[] values, int n, double gamma,
      double lambda, double bootstrap) {
    float[] out = new float[n];
    double running = 0;
    double nextValue = bootstrap;
    for (int t = n - 1; t >= 0; t--) {
      double delta = rewards[t] + gamma * nextValue - values[t];
      running = delta + gamma * lambda * running;
      out[t] = (float) running;
      nextValue = values[t];
    }
    return out;
  }

  /**
   * Explained variance {@code 1 - Var(R - V) / Var(R)} over {@code n} pairs: 1 is a perfect
   * critic, 0 no better than a constant, negative worse. NaN when the returns do not vary.
   */
  public static double explainedVariance(float[] values, float[] returns, int n) {
    if (n < 2) {
      return Double.NaN;
    }
    double varReturns = variance(returns, null, n);
    if (varReturns == 0) {
      return Double.NaN;
    }
    return 1 - variance(returns, values, n) / varReturns;
  }

  /** Variance of {@code a - b} (or of {@code a} when {@code b} is null). */
  private static double variance(float[] a, float[] b, int n) {
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double d = b == null ? a[i] : a[i] - b[i];
      sum += d;
      sumSq += d * d;
    }
    double mean = sum / n;
    return Math.max(0, sumSq / n - mean * mean);
  }

  /** The reference's reward clipping: the sign of the reward, -1, 0 or 1. */
  public static float clip(double reward) {
    return reward > 0 ? 1f : reward < 0 ? -1f : 0f;
  }
}
