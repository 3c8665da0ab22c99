package io.a3c.health;

/**
 * When {@link TrainingHealth} calls a run unhealthy. The defaults catch the failure that prompted
 * the check: a Pong run whose policy entropy stayed at 1.08-1.10 (ln 3 = 1.0986) for 45 minutes.
 *
 * @param warmUpSteps global steps before any check: early on every run looks like one that is
 *     not learning
 * @param window model summaries each figure is averaged over, so one odd batch decides nothing
 * @param uniformEntropyFraction the policy counts as uniform while its mean entropy per step is
 *     at least this fraction of ln(actions)
 * @param explainedVarianceCeiling the critic counts as not learning while the median of its
 *     explained variance has never been above this
 * @param clippedFraction gradients count as always clipped when at least this fraction of the
 *     window's updates had a global norm above the clipping norm
 */
public record HealthThresholds(long warmUpSteps, int window, double uniformEntropyFraction,
    double explainedVarianceCeiling, double clippedFraction) {

  /** About 10 minutes of an Atari run on 8-16 workers; Pong's entropy has left ln 3 by then. */
  public static final long DEFAULT_WARM_UP_STEPS = 300_000;
  /** Runs shorter than this many warm-ups get a proportionally shorter warm-up. */
  public static final int WARM_UPS_PER_RUN = 4;
  public static final int DEFAULT_WINDOW = 20;
  public static final double DEFAULT_UNIFORM_ENTROPY_FRACTION = 0.98;
  public static final double DEFAULT_EXPLAINED_VARIANCE_CEILING = 0.05;
  public static final double DEFAULT_CLIPPED_FRACTION = 0.95;

  public HealthThresholds {
    if (warmUpSteps < 0) {
      throw new IllegalArgumentException("warm-up must not be negative: " + warmUpSteps);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1: " + window);
    }
    if (!(uniformEntropyFraction > 0 && uniformEntropyFraction <= 1)) {
      throw new IllegalArgumentException("entropy fraction must be in (0, 1]: "
          + uniformEntropyFraction);
    }
    if (!(clippedFraction > 0 && clippedFraction <= 1)) {
      throw new IllegalArgumentException("clipped fraction must be in (0, 1]: " + clippedFraction);
    }
  }

  public static HealthThresholds defaults() {
    return new HealthThresholds(DEFAULT_WARM_UP_STEPS, DEFAULT_WINDOW,
        DEFAULT_UNIFORM_ENTROPY_FRACTION, DEFAULT_EXPLAINED_VARIANCE_CEILING,
        DEFAULT_CLIPPED_FRACTION);
  }

  /**
   * The defaults with the warm-up cut to a quarter of a short run ({@code maxSteps}), so a
   * 100,000-step run is still checked in its last three quarters.
   */
  public static HealthThresholds forRun(long maxSteps) {
    return defaults().withWarmUp(Math.min(DEFAULT_WARM_UP_STEPS, maxSteps / WARM_UPS_PER_RUN));
  }

  public HealthThresholds withWarmUp(long steps) {
    return new HealthThresholds(steps, window, uniformEntropyFraction, explainedVarianceCeiling,
        clippedFraction);
  }

  public HealthThresholds withWindow(int summaries) {
    return new HealthThresholds(warmUpSteps, summaries, uniformEntropyFraction,
        explainedVarianceCeiling, clippedFraction);
  }
}
