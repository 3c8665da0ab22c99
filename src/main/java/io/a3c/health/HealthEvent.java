package io.a3c.health;

/**
 * A condition that {@link TrainingHealth} saw start or end.
 *
 * @param condition what is wrong
 * @param globalStep the global step of the summary that decided it
 * @param recovered false for the warning, true once the condition no longer holds
 * @param message one line for the log and TensorBoard: the figures and what to try
 */
public record HealthEvent(Condition condition, long globalStep, boolean recovered,
    String message) {

  /** The signs of a run that is not learning. */
  public enum Condition {
    /** The policy's entropy stays at ln(actions): the actor picks actions at random. */
    UNIFORM_POLICY,
    /** The critic's explained variance stays near or below 0: values do not predict returns. */
    VALUE_NOT_LEARNING,
    /** Nearly every update is clipped: the clip norm, not the learning rate, sets the step. */
    ALWAYS_CLIPPED
  }
}
