package io.a3c.eval;

import io.a3c.config.InvalidInputException;
import io.a3c.env.builtin.BuiltinEnvironments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a training run evaluates its policy: whole greedy games every {@code everyMinutes} of
 * training, in an environment of its own, while the workers go on.
 *
 * @param everyMinutes minutes of training between evaluations; 0 turns evaluation off
 * @param episodes games per evaluation
 * @param targetScore stop the run when an evaluation's mean reaches this score; NaN: no target
 * @param randomStarts most random actions at the start of each game ({@link RandomStartPolicy}):
 *     30 for Gymnasium games, whose emulators may be deterministic (applied to pixel games only:
 *     random actions would topple a CartPole); 0 for built-in games, which start at random and
 *     last a few steps
 */
public record EvalSchedule(double everyMinutes, int episodes, double targetScore,
    int randomStarts) {
  /** Atari games last minutes; five of them every five minutes cost training a few percent. */
  public static final double DEFAULT_GYM_MINUTES = 5;
  public static final int DEFAULT_GYM_EPISODES = 5;
  /** Built-in games last a few steps: evaluating often and widely costs almost nothing. */
  public static final double DEFAULT_BUILTIN_MINUTES = 1;
  public static final int DEFAULT_BUILTIN_EPISODES = 20;
  static final int MAX_EPISODES = 1000;

  /** No evaluation, no target. */
  public static final EvalSchedule OFF = new EvalSchedule(0, 1, Double.NaN, 0);

  public EvalSchedule {
    if (!(everyMinutes >= 0) || Double.isInfinite(everyMinutes)) {
      throw new InvalidInputException(
          "--eval-every must be 0 (off) or a positive number of minutes (got " + everyMinutes
              + ")");
    }
    if (episodes < 1 || episodes > MAX_EPISODES) {
      throw new InvalidInputException("--eval-episodes must be between 1 and " + MAX_EPISODES
          + " (got " + episodes + ")");
    }
    if (Double.isInfinite(targetScore)) {
      throw new InvalidInputException("--target-score must be a finite number");
    }
    if (randomStarts < 0) {
      throw new IllegalArgumentException("randomStarts must be >= 0");
    }
    if (!Double.isNaN(targetScore) && everyMinutes == 0) {
      throw new InvalidInputException(
          "--target-score needs evaluation during training: drop --eval-every 0");
    }
  }

  /**
   * The schedule for {@code env} with the options a user gave ({@code null}: the default for
   * that kind of environment).
   */
  public static EvalSchedule of(String env, Double everyMinutes, Integer episodes,
      Double targetScore) {
    boolean builtin = BuiltinEnvironments.ids().contains(env);
    return new EvalSchedule(
        everyMinutes != null ? everyMinutes
            : builtin ? DEFAULT_BUILTIN_MINUTES : DEFAULT_GYM_MINUTES,
        episodes != null ? episodes : builtin ? DEFAULT_BUILTIN_EPISODES : DEFAULT_GYM_EPISODES,
        targetScore != null ? targetScore : Double.NaN,
        builtin ? 0 : RandomStartPolicy.DEFAULT_MAX_STEPS);
  }

  public boolean enabled() {
    return everyMinutes > 0;
  }

  public boolean hasTarget() {
    return !Double.isNaN(targetScore);
  }

  /** The schedule as {@code config.json} records it. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("every_minutes", everyMinutes);
    out.put("episodes", episodes);
    out.put("random_start_steps", randomStarts);
    if (hasTarget()) {
      out.put("target_score", targetScore);
    }
    return out;
  }

  /** Milliseconds between evaluations. */
  public long everyMillis() {
    return Math.max(1, Math.round(everyMinutes * 60_000));
  }
}
