package io.a3c.health;

import io.a3c.health.HealthEvent.Condition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Watches a run's model summaries for three signs that it is not learning, which TensorBoard's
 * scalars show only to someone who knows what to look for: a policy whose entropy stays at
 * ln(actions) (uniform), a critic whose explained variance has never risen above about 0, and
 * gradients clipped on nearly every update. Each figure is taken over the last {@code window} summaries (a mean, or
 * the median for the explained variance) and judged only after the warm-up.
 *
 * <p>Each condition is reported once per run, and once more if it clears, so a long run does not
 * repeat itself every summary. Pure Java and thread-safe: workers may call {@link #observe}
 * concurrently.
 */
public final class TrainingHealth {
  private final HealthThresholds thresholds;
  private final int actions;
  private final double maxGradientNorm;
  private final double uniformEntropy;
  private final RecentWindow entropy;
  private final RecentWindow explainedVariance;
  private final RecentWindow clipped;
  /** The highest window median of the explained variance so far, warm-up included. */
  private double bestExplainedVariance = Double.NEGATIVE_INFINITY;
  /** False for a run resumed past its warm-up: its critic's history is not known here. */
  private boolean criticHistoryKnown = true;
  private final EnumSet<Condition> warned = EnumSet.noneOf(Condition.class);
  private final EnumSet<Condition> recovered = EnumSet.noneOf(Condition.class);

  /**
   * @param actions the size of the action space; uniform entropy is ln(actions)
   * @param maxGradientNorm the norm gradients are clipped to
   */
  public TrainingHealth(HealthThresholds thresholds, int actions, double maxGradientNorm) {
    if (actions < 1) {
      throw new IllegalArgumentException("actions must be at least 1: " + actions);
    }
    this.thresholds = thresholds;
    this.actions = actions;
    this.maxGradientNorm = maxGradientNorm;
    this.uniformEntropy = Math.log(actions);
    this.entropy = new RecentWindow(thresholds.window());
    this.explainedVariance = new RecentWindow(thresholds.window());
    this.clipped = new RecentWindow(thresholds.window());
  }

  /**
   * Tells the watch that the run was resumed at {@code globalStep}. The critic's condition is
   * about the run's whole history ("never rose"), which a resume does not carry; a run resumed
   * past its warm-up was judged before it stopped, so the critic is not judged again. (Pong's
   * explained variance turns negative in every run that learned, as rallies grow long: judged
   * from the resume on, a healthy run would be told its critic does not learn.) The policy and
   * clipping conditions look only at recent summaries and stay.
   */
  public synchronized void resumedAt(long globalStep) {
    if (globalStep >= thresholds.warmUpSteps()) {
      criticHistoryKnown = false;
    }
  }

  /**
   * Adds one model summary; returns the conditions that started or cleared with it (usually
   * none). Non-finite figures are skipped: a batch whose returns are all equal has no explained
   * variance.
   *
   * @param entropyPerStep the policy's entropy divided by the batch's steps
   * @param gradientNorm the gradients' global norm before clipping
   */
  public synchronized List<HealthEvent> observe(long globalStep, double entropyPerStep,
      double explainedVariance, double gradientNorm) {
    addFinite(entropy, entropyPerStep);
    addFinite(this.explainedVariance, explainedVariance);
    if (this.explainedVariance.isFull()) {
      bestExplainedVariance = Math.max(bestExplainedVariance, this.explainedVariance.median());
    }
    if (Double.isFinite(gradientNorm)) {
      clipped.add(gradientNorm > maxGradientNorm ? 1 : 0);
    }
    List<HealthEvent> events = new ArrayList<>();
    if (globalStep < thresholds.warmUpSteps()) {
      return events;
    }
    // One-action spaces have nothing to learn in the policy: ln 1 = 0 is always "uniform".
    if (actions > 1 && entropy.isFull()) {
      double mean = entropy.mean();
      double fraction = mean / uniformEntropy;
      judge(events, Condition.UNIFORM_POLICY, globalStep,
          fraction >= thresholds.uniformEntropyFraction(),
          String.format(Locale.ROOT, "health: after %,d steps the policy entropy is %.3f "
              + "(mean of the last %d summaries), %.1f%% of uniform (ln %d = %.3f): the actor "
              + "is not learning and still picks actions at random; check the input "
              + "preprocessing (do observations change and show the game?), that rewards "
              + "arrive, and the learning rate; or lower --entropy-regularization "
              + "(see Troubleshooting in the README)",
              globalStep, mean, entropy.size(), 100 * fraction, actions, uniformEntropy),
          String.format(Locale.ROOT, "health: at %,d steps the policy entropy is down to "
              + "%.3f, %.1f%% of uniform: the actor has started learning",
              globalStep, mean, 100 * fraction));
    }
    if (criticHistoryKnown && this.explainedVariance.isFull()) {
      // The median: a batch whose returns barely vary has an explained variance of -10 or
      // less even in a healthy run, and one such batch would sink a mean. And "stays" below:
      // a healthy Pong run with the default network had medians of 0.6 early, then -27 at
      // 0.9-1.1M steps while it went from -14 to +5, then 0.9 (docs/experiments.md). A
      // critic that never rose above the ceiling is the failure; one that dips is not.
      double median = this.explainedVariance.median();
      judge(events, Condition.VALUE_NOT_LEARNING, globalStep,
          bestExplainedVariance <= thresholds.explainedVarianceCeiling(),
          String.format(Locale.ROOT, "health: after %,d steps the explained variance is %.3f "
              + "(median of the last %d summaries, at most %.2f): the critic does not predict "
              + "returns; check that rewards reach the learner, the discount and "
              + "the learning rate (see Troubleshooting in the README)",
              globalStep, median, this.explainedVariance.size(),
              thresholds.explainedVarianceCeiling()),
          String.format(Locale.ROOT, "health: at %,d steps the explained variance is up to "
              + "%.3f: the critic has started learning", globalStep, median));
    }
    if (clipped.isFull()) {
      double fraction = clipped.mean();
      judge(events, Condition.ALWAYS_CLIPPED, globalStep,
          fraction >= thresholds.clippedFraction(),
          String.format(Locale.ROOT, "health: after %,d steps %.0f%% of the last %d sampled "
              + "updates had a gradient norm above --max-gradient-norm %s: the clip, not the "
              + "learning rate, sets every step; the loss is usually too large (unclipped "
              + "rewards, diverging values) or the learning rate too high; try a lower "
              + "--learning-rate (see Troubleshooting in the README)",
              globalStep, 100 * fraction, clipped.size(), plain(maxGradientNorm)),
          String.format(Locale.ROOT, "health: at %,d steps %.0f%% of the last %d sampled "
              + "updates were clipped: gradients are back within --max-gradient-norm",
              globalStep, 100 * fraction, clipped.size()));
    }
    return events;
  }

  /** The conditions warned about so far. */
  public synchronized Set<Condition> warned() {
    return EnumSet.copyOf(warned);
  }

  /** Warns the first time a condition holds; reports its end once; never warns twice. */
  private void judge(List<HealthEvent> events, Condition condition, long globalStep,
      boolean holds, String warning, String recovery) {
    if (holds && warned.add(condition)) {
      events.add(new HealthEvent(condition, globalStep, false, warning));
    } else if (!holds && warned.contains(condition) && recovered.add(condition)) {
      events.add(new HealthEvent(condition, globalStep, true, recovery));
    }
  }

  private static void addFinite(RecentWindow window, double value) {
    if (Double.isFinite(value)) {
      window.add(value);
    }
  }

  /** 40 rather than 40.0. */
  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
