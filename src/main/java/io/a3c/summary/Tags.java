package io.a3c.summary;

import java.util.List;

/** The TensorBoard tags the trainer writes, grouped by prefix as in the reference. */
public final class Tags {
  public static final String LOSS = "model/loss";
  public static final String POLICY_LOSS = "model/policy_loss";
  public static final String VALUE_LOSS = "model/value_loss";
  public static final String ENTROPY = "model/entropy";
  public static final String GLOBAL_NORM = "model/global_norm";
  public static final String GRADIENT_GLOBAL_NORM = "model/gradient_global_norm";
  public static final String EXPLAINED_VARIANCE = "model/explained_variance";
  public static final String EPISODE_REWARD = "environment/episode_reward";
  public static final String EPISODE_LENGTH = "environment/episode_length";
  public static final String FPS = "environment/fps";
  public static final String STEPS_PER_SECOND = "perf/steps_per_second";
  /** Evaluation during training: whole greedy games in an environment of their own. */
  public static final String EVAL_MEAN = "eval/mean_score";
  public static final String EVAL_STD = "eval/std_score";
  public static final String EVAL_MIN = "eval/min_score";
  public static final String EVAL_MAX = "eval/max_score";
  public static final String EVAL_LENGTH = "eval/mean_length";
  /** Markdown table of every hyper-parameter and version (TensorBoard's Text tab). */
  public static final String HYPER_PARAMETERS = "config/hyper_parameters";
  /** Health warnings (a policy that stays uniform, say), as text: see io.a3c.health. */
  public static final String HEALTH_WARNINGS = "health/warnings";

  /** Every scalar tag of the specification. */
  public static final List<String> SCALARS = List.of(LOSS, POLICY_LOSS, VALUE_LOSS, ENTROPY,
      GLOBAL_NORM, GRADIENT_GLOBAL_NORM, EXPLAINED_VARIANCE, EPISODE_REWARD, EPISODE_LENGTH, FPS,
      STEPS_PER_SECOND);

  /** The scalar tags of each evaluation during training. */
  public static final List<String> EVAL_SCALARS =
      List.of(EVAL_MEAN, EVAL_STD, EVAL_MIN, EVAL_MAX, EVAL_LENGTH);

  private Tags() {}
}
